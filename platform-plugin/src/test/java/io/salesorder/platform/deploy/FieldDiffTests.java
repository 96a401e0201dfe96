package io.salesorder.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.salesorder.platform.bundle.Yaml;

class FieldDiffTests {

    private static List<String> diff(String before, String after) {
        List<String> changes = new ArrayList<>();
        FieldDiff.between(map(before), map(after), false, changes);
        return changes;
    }

    private static Object map(String yaml) {
        try {
            return Yaml.read(new java.io.StringReader(yaml)).get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String POD = """
            spec:
              containers:
              - name: customer-service
                env:
                - {name: JAVA_TOOL_OPTIONS, value: -XX:MaxRAMPercentage=75}
                - {name: QUARKUS_PROFILE, value: prod}
                ports:
                - {containerPort: 8081, name: http}
                volumeMounts:
                - {mountPath: /tmp, name: tmp}
            """;

    @Test
    void an_env_var_added_in_front_reads_as_one_added_entry_not_as_every_entry_shifted() {
        String after = POD.replace("env:\n", "env:\n    - {name: FEATURE_X, value: \"on\"}\n");
        assertThat(diff(POD, after)).containsExactly(
                "+ spec.containers[customer-service].env[FEATURE_X]: name: FEATURE_X value: \"on\"");
    }

    @Test
    void a_changed_value_is_named_by_its_entry() {
        String after = POD.replace("value: prod", "value: staging");
        assertThat(diff(POD, after)).containsExactly("~ spec.containers[customer-service].env[QUARKUS_PROFILE].value: prod → staging");
    }

    @Test
    void ports_are_keyed_by_number_and_mounts_by_path() {
        String after = POD.replace("name: http}", "name: web}").replace("{mountPath: /tmp, name: tmp}",
                "{mountPath: /tmp, name: scratch}");
        assertThat(diff(POD, after)).containsExactly(
                "~ spec.containers[customer-service].ports[8081].name: http → web",
                "~ spec.containers[customer-service].volumeMounts[/tmp].name: tmp → scratch");
    }

    @Test
    void a_reordered_keyed_list_is_one_order_line_and_an_unkeyed_list_is_compared_by_position() {
        String swapped = POD.replace("- {name: JAVA_TOOL_OPTIONS, value: -XX:MaxRAMPercentage=75}\n    - {name: QUARKUS_PROFILE, value: prod}",
                "- {name: QUARKUS_PROFILE, value: prod}\n    - {name: JAVA_TOOL_OPTIONS, value: -XX:MaxRAMPercentage=75}");
        assertThat(swapped).isNotEqualTo(POD);
        assertThat(diff(POD, swapped)).containsExactly(
                "~ spec.containers[customer-service].env order: JAVA_TOOL_OPTIONS, QUARKUS_PROFILE → QUARKUS_PROFILE, JAVA_TOOL_OPTIONS");
        assertThat(diff("args: [a, b]", "args: [b, a]")).containsExactly("~ args[0]: a → b", "~ args[1]: b → a");
    }

    @Test
    void a_removed_entry_is_one_line() {
        assertThat(diff(POD, POD.replace("    - {name: QUARKUS_PROFILE, value: prod}\n", "")))
                .containsExactly("- spec.containers[customer-service].env[QUARKUS_PROFILE]: name: QUARKUS_PROFILE value: prod");
    }

    @Test
    void a_secrets_values_are_masked_whether_changed_added_or_removed() {
        List<String> changes = new ArrayList<>();
        FieldDiff.between(map("stringData: {DB_PASSWORD: s3cret, OLD: gone}"), map("stringData: {DB_PASSWORD: other, NEW: fresh}"),
                true, changes);
        assertThat(changes).containsExactlyInAnyOrder("~ stringData.DB_PASSWORD: (value changed)", "+ stringData.NEW: (a value)",
                "- stringData.OLD: (a value)");
    }
}
