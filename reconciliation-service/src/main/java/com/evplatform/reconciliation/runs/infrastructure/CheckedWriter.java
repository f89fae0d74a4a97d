package com.evplatform.reconciliation.runs.infrastructure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk's findings and advances the run's progress, in the chunk's transaction. */
class CheckedWriter implements ItemWriter<List<CheckedSubject>> {

    private final String runId;
    private final FindingsRecorder recorder;
    private final RunProgress progress;
    private final Clock clock;

    CheckedWriter(String runId, FindingsRecorder recorder, RunProgress progress, Clock clock) {
        this.runId = runId;
        this.recorder = recorder;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends List<CheckedSubject>> chunk) {
        List<CheckedSubject> all = new ArrayList<>();
        int matched = 0;
        for (List<CheckedSubject> item : chunk) {
            all.addAll(item);
            if (item.stream().allMatch(CheckedSubject::matched)) {
                matched++;
            }
        }
        var now = clock.instant();
        recorder.record(runId, all, now);
        progress.advance(runId, chunk.size(), matched, now);
    }
}
