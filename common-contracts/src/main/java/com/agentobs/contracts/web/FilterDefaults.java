package com.agentobs.contracts.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.agentobs.contracts.filter.TimeRange;

/**
 * Declares an endpoint's default {@code range} on its
 * {@link com.agentobs.contracts.filter.StandardFilters} parameter, for example
 * {@code @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface FilterDefaults {

	TimeRange range() default TimeRange.LAST_24H;

}
