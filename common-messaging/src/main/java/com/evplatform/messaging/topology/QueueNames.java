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
}
