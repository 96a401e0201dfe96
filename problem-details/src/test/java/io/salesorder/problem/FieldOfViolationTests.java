package io.salesorder.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.ValidatorFactory;

class FieldOfViolationTests {

    record Line(@NotBlank String name) {
    }

    record Address(@Size(max = 3) String city) {
    }

    record Body(@Valid Address address, List<@NotBlank String> items, List<@Valid Line> lines) {
    }

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private final Validator validator = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private List<String> fields(Body body) {
        Set<ConstraintViolation<Body>> violations = validator.validate(body);
        return violations.stream().map(ProblemMappers::fieldOf).sorted().toList();
    }

    @Test
    void nested_fields_are_dotted() {
        assertThat(fields(new Body(new Address("London"), List.of(), List.of()))).containsExactly("address.city");
    }

    @Test
    void list_elements_are_indexed() {
        assertThat(fields(new Body(null, List.of("a", " ", ""), List.of()))).containsExactly("items[1]", "items[2]");
    }

    @Test
    void fields_of_list_elements_are_indexed_then_dotted() {
        assertThat(fields(new Body(null, List.of(), List.of(new Line("ok"), new Line(""))))).containsExactly("lines[1].name");
    }
}
