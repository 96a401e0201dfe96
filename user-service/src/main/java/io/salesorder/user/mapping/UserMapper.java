package io.salesorder.user.mapping;

import java.util.TreeSet;

import io.salesorder.user.model.UserAccount;
import io.salesorder.user.rest.UserView;

/** Entity to REST shape; the only way a user leaves the service. */
public final class UserMapper {

    private UserMapper() {
    }

    public static UserView toView(UserAccount user) {
        return new UserView(user.id, user.name, user.email, user.username, new TreeSet<>(user.roles));
    }
}
