package io.salesorder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local edge strips the prefixes as the platform's routes do (Gateway API's PathPrefix). */
class LocalEdgeTests {

    private static final Map<String, Integer> ROUTES = new LinkedHashMap<>(Map.of("/userservice", 1, "/customerservice", 2));

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "/customerservice/customer/list, 2, /customer/list",
            "/customerservice, 2, /",
            "/customerservice/, 2, /",
            "/userservice/authenticate, 1, /authenticate",
            "/customerservicex/customer/list, , ",
            "/CustomerService/customer/list, , ",
            "/customer/list, , "})
    void a_prefix_matches_whole_segments_and_is_stripped(String path, Integer port, String rest) {
        Map.Entry<Integer, String> route = LocalEdge.route(ROUTES, path);
        if (port == null) {
            assertThat(route).isNull();
        } else {
            assertThat(route).isEqualTo(Map.entry(port, rest));
        }
    }
}
