package com.evplatform.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.evplatform.testsupport.PlatformInfrastructure;

/** A service's DB user reaches its own schema only: other services' data is theirs. */
@SpringBootTest
@PlatformInfrastructure(schema = "device")
class SchemaIsolationIT {

    /** MySQL and MariaDB: access denied to a database, and a table command denied. */
    private static final int ER_DBACCESS_DENIED = 1044;
    private static final int ER_TABLEACCESS_DENIED = 1142;

    @Autowired
    DataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"auth", "charging", "orders", "reconciliation"})
    void the_device_user_is_refused_another_services_schema(String otherSchema) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            assertThat(connection.getCatalog()).isEqualTo("device");

            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM `" + otherSchema + "`.flyway_schema_history"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode())
                            .isIn(ER_DBACCESS_DENIED, ER_TABLEACCESS_DENIED));
            assertThatThrownBy(() -> statement.execute("CREATE TABLE `" + otherSchema + "`.intruder (id INT)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode())
                            .isIn(ER_DBACCESS_DENIED, ER_TABLEACCESS_DENIED));
        }
    }
}
