package com.evplatform.messaging.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @AfterEach
    void clear() {
        TraceContext.clear();
    }

    @Test
    void a_child_keeps_the_trace_id_and_flags_with_a_new_span_id() {
        String child = TraceContext.childOf(PARENT);

        assertThat(child).hasSize(55).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
        assertThat(child.substring(36, 52)).isNotEqualTo("00f067aa0ba902b7").matches("[0-9a-f]{16}");
    }

    @Test
    void an_invalid_parent_starts_a_new_trace() {
        assertThat(TraceContext.childOf("garbage")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceContext.childOf(null)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void the_current_context_is_used_while_set() {
        TraceContext.set(PARENT);
        assertThat(TraceContext.currentOrNew()).isEqualTo(PARENT);
        TraceContext.clear();
        assertThat(TraceContext.currentOrNew()).isNotEqualTo(PARENT);
    }
}
