package io.salesorder.platform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Two builds of one commit render the same bundle: nothing in it follows an order that varies between runs. */
class StableOrderTests {

    @Test
    @SuppressWarnings("unchecked")
    void every_label_map_of_a_document_is_put_in_name_order_wherever_it_is() throws IOException {
        Map<String, Object> document = Yaml.read(new StringReader("""
                kind: Deployment
                metadata: {name: a, labels: {z: 1, a: 2, m: 3}}
                spec:
                  selector: {matchLabels: {version: x, name: a}}
                  template:
                    metadata: {labels: {part-of: s, name: a}}
                """)).get(0);
        Resource.sortLabels(document);
        assertThat(Yaml.write(document)).contains("""
                  labels:
                    a: 2
                    m: 3
                    z: 1
                """).contains("""
                    matchLabels:
                      name: a
                      version: x
                """).contains("""
                      labels:
                        name: a
                        part-of: s
                """);
    }

    @Test
    void rendered_maps_keep_the_order_their_entries_are_given_in() {
        List<String> keys = List.of("server", "path", "version", "auth", "mountPath", "role");
        Object[] entries = keys.stream().flatMap(k -> java.util.stream.Stream.of(k, "v")).toArray();
        assertThat(SecretPlan.ordered(entries).keySet()).containsExactlyElementsOf(keys);
    }
}
