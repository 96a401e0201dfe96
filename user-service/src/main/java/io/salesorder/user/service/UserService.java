package io.salesorder.user.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.crypto.bcrypt.BCrypt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.ForbiddenException;
import io.salesorder.problem.ConflictException;
import io.salesorder.user.mapping.UserMapper;
import io.salesorder.user.model.Role;
import io.salesorder.user.model.UserAccount;
import io.salesorder.user.rest.SignupRequest;
import io.salesorder.user.rest.UserView;
import io.salesorder.user.security.TokenIssuer;

/** Sign-up, authentication and look-up of users. */
@ApplicationScoped
public class UserService {

    /** bcrypt's cost: 2^10 rounds, the original's strength. */
    static final int BCRYPT_COST = 10;

    /** Compared against when the user is unknown, so that both failures take the same time. */
    private static final String ABSENT_USER_HASH = hash("no such user, no such password");

    private final TokenIssuer tokens;

    public UserService(TokenIssuer tokens) {
        this.tokens = tokens;
    }

    /**
     * Creates a user: a USER, with the roles asked for on top. Only an administrator may grant ADMIN; a caller
     * asking for it otherwise is refused, never silently downgraded.
     */
    @Transactional
    public UserView signup(SignupRequest request, boolean callerIsAdmin) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (request.roles() != null) {
            roles.addAll(request.roles());
        }
        if (roles.contains(Role.ADMIN) && !callerIsAdmin) {
            throw new ForbiddenException("Only an administrator can grant ADMIN");
        }
        return UserMapper.toView(create(request.name(), request.email(), request.username(), request.password(), roles));
    }

    /** A token for these credentials, or empty when the user is unknown or the password wrong. */
    @Transactional
    public Optional<String> authenticate(String username, String password) {
        Optional<UserAccount> user = UserAccount.findByUsername(username);
        // A password beyond bcrypt's 72 bytes never matches (sign-up takes at most 16 characters).
        boolean matches = BCrypt.checkpw(password, user.map(u -> u.passwordHash).orElse(ABSENT_USER_HASH));
        return user.filter(u -> matches).map(u -> tokens.issue(u.username, u.roles));
    }

    @Transactional
    public Optional<UserView> find(String username) {
        return UserAccount.findByUsername(username).map(UserMapper::toView);
    }

    @Transactional
    public List<UserView> list() {
        return UserAccount.<UserAccount>findAll(Sort.by("username")).stream().map(UserMapper::toView).toList();
    }

    /** Creates the user unless one of that name exists; true when it was created. */
    @Transactional
    public boolean createIfAbsent(String name, String email, String username, String password, Set<Role> roles) {
        if (UserAccount.exists(username)) {
            return false;
        }
        create(name, email, username, password, roles);
        return true;
    }

    /** Every account is a USER, whatever else it is. */
    private UserAccount create(String name, String email, String username, String password, Set<Role> asked) {
        Set<Role> roles = EnumSet.of(Role.USER);
        roles.addAll(asked);
        if (UserAccount.exists(username)) {
            throw new ConflictException("The username " + username + " is taken");
        }
        UserAccount user = new UserAccount();
        user.name = name;
        user.email = email;
        user.username = username;
        user.passwordHash = hash(password);
        user.roles = EnumSet.copyOf(roles);
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            // Two sign-ups of one name at once: the unique key decides.
            throw new ConflictException("The username " + username + " is taken");
        }
        return user;
    }

    private static String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST));
    }
}
