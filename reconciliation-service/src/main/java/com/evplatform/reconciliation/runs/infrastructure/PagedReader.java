package com.evplatform.reconciliation.runs.infrastructure;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads rows in pages by their increasing id, and remembers in the step's execution context the
 * id of the last item it handed out. That context is saved with each committed chunk, so a run
 * restarted after a crash goes on after the last chunk that committed, not from the beginning
 * and not past anything unchecked.
 */
abstract class PagedReader<T> implements ItemStreamReader<T> {

    /** A row and its id. */
    record Paged<T>(long id, T item) {
    }

    private static final String LAST_ID = "lastId";

    private final int pageSize;
    private final Deque<Paged<T>> buffer = new ArrayDeque<>();
    private long lastId;
    private boolean exhausted;

    PagedReader(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Up to {@code size} items with ids above {@code afterId}, by increasing id. */
    protected abstract List<Paged<T>> page(long afterId, int size);

    @Override
    public T read() {
        if (buffer.isEmpty() && !exhausted) {
            List<Paged<T>> page = page(lastId, pageSize);
            exhausted = page.size() < pageSize;
            buffer.addAll(page);
        }
        Paged<T> next = buffer.poll();
        if (next == null) {
            return null;
        }
        lastId = next.id();
        return next.item();
    }

    @Override
    public void open(ExecutionContext context) {
        lastId = context.getLong(LAST_ID, 0L);
        buffer.clear();
        exhausted = false;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_ID, lastId);
    }
}
