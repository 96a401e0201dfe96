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

    static final DemoUser[] DEMO_USERS = {
            new DemoUser("Admin User", "admin@salesorder.test", "adminuser", "adminpass", EnumSet.of(Role.ADMIN, Role.USER)),
            new DemoUser("John Smith", "john.smith@salesorder.test", "johnsmith", "johnpass1", EnumSet.of(Role.USER)),
            new DemoUser("Jane Doe", "jane.doe@salesorder.test", "janedoe1", "janepass1", EnumSet.of(Role.USER)),
            new DemoUser("Peter Parker", "peter.parker@salesorder.test", "peterparker", "peterpass", EnumSet.of(Role.USER)),
            new DemoUser("Mary Jones", "mary.jones@salesorder.test", "maryjones", "marypass1", EnumSet.of(Role.USER)),
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
