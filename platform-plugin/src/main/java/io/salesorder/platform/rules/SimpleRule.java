package io.salesorder.platform.rules;

import java.util.List;
import java.util.function.Function;

/** A rule given by its id, description and check. */
record SimpleRule(String id, String description, Function<Manifests, List<Violation>> check) implements Rule {

    @Override
    public List<Violation> check(Manifests manifests) {
        return check.apply(manifests);
    }
}
