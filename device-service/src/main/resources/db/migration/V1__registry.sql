-- Operators as auth-service announced them (auth.operator-created): code and display name.
CREATE TABLE operators (
    code CHAR(9)      NOT NULL,
    name VARCHAR(100) NOT NULL,
    PRIMARY KEY (code)
);

CREATE TABLE stations (
    id            CHAR(36)      NOT NULL,
    operator_code CHAR(9)       NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    address       VARCHAR(300)  NOT NULL,
    latitude      DECIMAL(9, 6) NOT NULL,
    longitude     DECIMAL(9, 6) NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_stations_operator (operator_code)
);

-- Every tariff a station ever had; the one in force is the latest effective_from <= now.
CREATE TABLE tariffs (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    station_id     CHAR(36)    NOT NULL,
    effective_from DATETIME(6) NOT NULL,
    currency       CHAR(3)     NOT NULL,
    segments       TEXT        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_tariffs_station (station_id, effective_from),
    CONSTRAINT fk_tariffs_station FOREIGN KEY (station_id) REFERENCES stations (id)
);

CREATE TABLE chargers (
    charge_point_id VARCHAR(36)  NOT NULL,
    station_id      CHAR(36)     NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    vendor          VARCHAR(50)  NULL,
    model           VARCHAR(50)  NULL,
    firmware        VARCHAR(50)  NULL,
    registered_at   DATETIME(6)  NOT NULL,
    last_seen       DATETIME(6)  NULL,
    version         BIGINT       NOT NULL,
    PRIMARY KEY (charge_point_id),
    KEY ix_chargers_station (station_id),
    CONSTRAINT fk_chargers_station FOREIGN KEY (station_id) REFERENCES stations (id)
);

CREATE TABLE connectors (
    connector_code  VARCHAR(40) NOT NULL,
    charge_point_id VARCHAR(36) NOT NULL,
    connector_id    INT         NOT NULL,
    PRIMARY KEY (connector_code),
    UNIQUE KEY uk_connector (charge_point_id, connector_id),
    CONSTRAINT fk_connectors_charger FOREIGN KEY (charge_point_id) REFERENCES chargers (charge_point_id)
);
