package com.evplatform.service.support.web;

import java.util.List;

/** A list answer as API.md defines it: {@code {items, page, size, total}}, pages counted from 0. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
