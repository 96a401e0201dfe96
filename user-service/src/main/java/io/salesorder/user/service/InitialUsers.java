package io.salesorder.user.service;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.salesorder.user.config.UserServiceConfig;
import io.salesorder.user.model.Role;

/**
 * Creates the users that must exist at start: the bootstrap administrator from the Secret, and in dev and
 * tests the demo users. Each is created only when absent, so a restart never duplicates anything.
 */
@ApplicationScoped
public class InitialUsers {

    private static final Logger LOG = Logger.getLogger(InitialUsers.class);

    record DemoUser(String name, String email, String username, String password, Set<Role> roles) {
    }

    /** The original system's demo users, with its passwords and roles, so that its clients log in unchanged. */
    static final DemoUser[] DEMO_USERS = {
            new DemoUser("Colin But", "colin.but@salesorder.test", "colinbut", "password1",
                    EnumSet.of(Role.ADMIN, Role.DEV, Role.TEST, Role.ARCH)),
            new DemoUser("Mark Sutton", "mark.sutton@salesorder.test", "marksutton", "password2", EnumSet.of(Role.DEV, Role.TEST, Role.ARCH)),
            new DemoUser("Emma Wilson", "emma.wilson@salesorder.test", "emmawilson", "password3", EnumSet.of(Role.TEST)),
            new DemoUser("Anton Murphy", "anton.murphy@salesorder.test", "antonmurphy", "password4", EnumSet.of(Role.DEV, Role.TEST)),
            new DemoUser("Rebeckah V", "rebeckah.v@salesorder.test", "rebeckahv", "password5", EnumSet.of(Role.DEV, Role.TEST, Role.ARCH)),
    };

    public void onStart(@Observes StartupEvent event, UserServiceConfig config, UserService users) {
        UserServiceConfig.BootstrapAdmin admin = config.bootstrapAdmin();
        if (admin.username().isPresent() != admin.password().isPresent()) {
            throw new IllegalStateException("Set both user-service.bootstrap-admin.username and .password, or neither");
        }
        if (admin.username().isPresent()) {
            boolean created = users.createIfAbsent("Administrator", admin.username().get() + "@salesorder.local",
                    admin.username().get(), admin.password().get(), EnumSet.of(Role.ADMIN, Role.USER));
            LOG.infof("Bootstrap administrator %s %s", admin.username().get(), created ? "created" : "already present");
        }
        if (config.demoData()) {
            int created = 0;
            for (DemoUser demo : DEMO_USERS) {
                created += users.createIfAbsent(demo.name(), demo.email(), demo.username(), demo.password(), demo.roles()) ? 1 : 0;
            }
            LOG.infof("Demo users: %d created, %d already present", created, DEMO_USERS.length - created);
        }
    }
}
