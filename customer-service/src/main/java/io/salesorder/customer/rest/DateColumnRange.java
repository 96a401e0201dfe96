package io.salesorder.customer.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date a MySQL {@code DATE} column holds as given: from 1000-01-01 to 9999-12-31. MySQL documents no other range,
 * and earlier dates come back changed ({@code 0000-01-01} reads back as {@code 0001-01-01}).
 */
@Documented
@Constraint(validatedBy = DateColumnRange.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface DateColumnRange {

    LocalDate FIRST = LocalDate.of(1000, 1, 1);
    LocalDate LAST = LocalDate.of(9999, 12, 31);

    String message() default "must be between 1000-01-01 and 9999-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is left to {@code @NotNull}. */
    final class Check implements ConstraintValidator<DateColumnRange, LocalDate> {

        @Override
        public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
            return date == null || (!date.isBefore(FIRST) && !date.isAfter(LAST));
        }
    }
}
