package com.agentobs.contracts.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A display name or reason: storable and free of control and bidirectional-override
 * characters ({@link PlainTexts#displayProblem}). {@code null} is valid (pair with
 * {@code @NotBlank} when required).
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	/** Whether tab and line breaks are allowed (a reason or a description; never a name). */
	boolean multiline() default false;

	String message() default "must not contain control or bidirectional-override characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
