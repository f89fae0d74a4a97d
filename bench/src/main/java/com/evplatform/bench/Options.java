package com.evplatform.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A load generator's {@code --name=value} arguments, as its script passes them. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    /** A list of process ids, separated by commas or blanks (as {@code pgrep -d ,} prints them). */
    List<Long> pids(String name) {
        List<Long> pids = new ArrayList<>();
        for (String pid : get(name, "").split("[ ,]")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid));
            }
        }
        return pids;
    }

    /** An environment variable, or the fallback when it is unset or blank. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
