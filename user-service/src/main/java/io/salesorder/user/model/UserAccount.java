package io.salesorder.user.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A user as stored: the password only ever as a bcrypt hash. */
@Entity
@Table(name = "user_account", uniqueConstraints = @UniqueConstraint(name = "uk_user_account_username", columnNames = "username"))
public class UserAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 50)
    public String name;

    @Column(nullable = false, length = 100)
    public String email;

    @Column(nullable = false, length = 16)
    public String username;

    @Column(name = "password_hash", nullable = false, length = 72)
    public String passwordHash;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    public Set<Role> roles = EnumSet.noneOf(Role.class);

    /** Usernames are told apart case-insensitively: {@code ADMINISTRATOR} is {@code administrator}. */
    public static Optional<UserAccount> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }

    public static boolean exists(String username) {
        return count("lower(username) = ?1", username.toLowerCase(java.util.Locale.ROOT)) > 0;
    }
}
