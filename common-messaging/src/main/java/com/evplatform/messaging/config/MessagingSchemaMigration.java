package com.evplatform.messaging.config;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;

/**
 * Creates the library's tables in the service's schema with Flyway, under their own history
 * table so the library's versions never collide with the service's. Runs after the
 * service's own migrations (which expect to find an empty schema the first time).
 */
public class MessagingSchemaMigration implements InitializingBean {

    static final String HISTORY_TABLE = "messaging_schema_history";

    private final DataSource dataSource;
    private final ObjectProvider<FlywayMigrationInitializer> serviceMigrations;

    public MessagingSchemaMigration(DataSource dataSource,
            ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        this.dataSource = dataSource;
        this.serviceMigrations = serviceMigrations;
    }

    @Override
    public void afterPropertiesSet() {
        serviceMigrations.ifAvailable(initializer -> {
            // Asking for it is enough: the initializer migrates as it is created.
        });
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/messaging")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
