package com.evplatform.order.billing.application;

import java.util.List;
import java.util.function.Function;

/** One page of a list and how many there are in all. */
public record Page<T>(List<T> items, long total) {

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), total);
    }
}
