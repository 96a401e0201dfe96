package io.salesorder.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The README's table of rules is the rules' own ids and descriptions: the two cannot drift apart. */
class RuleTableTests {

    private static final Path README = Path.of("..", "README.md");

    private static List<Rule> everyRule() {
        return BundleChecker.standard(BundleCheckerTests.system(), Map.of("a-service", Set.of("A_SETTING"))).rules();
    }

    @Test
    void the_readme_lists_every_rule_with_its_own_description_and_nothing_else() throws IOException {
        String readme = Files.readString(README);
        String expected = BundleChecker.markdownTable(everyRule());
        assertThat(readme).as("README.md's table of rules; regenerate it from BundleChecker.markdownTable:%n%s", expected)
                .contains(expected);
        String table = readme.substring(readme.indexOf("| rule | what it demands |"));
        table = table.substring(0, table.indexOf("\n\n"));
        assertThat(table.lines().count() - 2).as("rows of README.md's table of rules").isEqualTo(everyRule().size());
    }

    @Test
    void every_alike_linter_check_names_a_rule_that_exists() {
        assertThat(everyRule()).extracting(Rule::id).containsAll(BundleChecker.ALIKE.keySet());
    }
}
