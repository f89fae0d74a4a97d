package com.evplatform.reconciliation.runs.infrastructure;

import java.sql.Connection;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Spring Batch's job repository tables in the service's schema, created by Flyway like every
 * other table (version 2, after the service's own). The DDL is the one Spring Batch ships for
 * the database the service runs on (MariaDB uses sequences, MySQL sequence tables), so the
 * tables always match the library's version and the database's dialect.
 */
@Component
class BatchRepositorySchema implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "spring batch job repository";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        DatabaseType type = DatabaseType.fromMetaData(new SingleConnectionDataSource(connection, true));
        String script = "org/springframework/batch/core/schema-" + type.name().toLowerCase() + ".sql";
        ScriptUtils.executeSqlScript(connection, new ClassPathResource(script));
    }
}
