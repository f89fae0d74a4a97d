package com.evplatform.messaging.topology;

/** How the library names the queues around a consumer queue. */
public final class QueueNames {

    private QueueNames() {
    }

    public static String deadLetter(String queue) {
        return queue + ".dlq";
    }

    public static String retry(String queue, int tier) {
        return queue + ".retry." + tier;
    }

    public static String originOfDeadLetter(String deadLetterQueue) {
        return deadLetterQueue.endsWith(".dlq")
                ? deadLetterQueue.substring(0, deadLetterQueue.length() - ".dlq".length()) : deadLetterQueue;
    }

    /** The consumer a queue belongs to: its name, without a partition's {@code .p<n>}. */
    public static String consumerOf(String queue) {
        return queue.replaceFirst("\\.p\\d+$", "");
    }
}
