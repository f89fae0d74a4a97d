package com.evplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A driver, logged in, and the connector they start sessions on. The set-up step writes them to the state file,
 * one a line ({@code driver token connectorCode}); the run reads them back.
 */
record Unit(String driver, String token, String connectorCode) {

    static void write(Path state, List<Unit> units) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Unit unit : units) {
            lines.add(unit.driver() + " " + unit.token() + " " + unit.connectorCode());
        }
        Files.write(state, lines);
    }

    static List<Unit> read(Path state) throws IOException {
        List<Unit> units = new ArrayList<>();
        for (String line : Files.readAllLines(state)) {
            String[] parts = line.split(" ");
            units.add(new Unit(parts[0], parts[1], parts[2]));
        }
        return units;
    }
}
