package com.evplatform.device.registry.infrastructure;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import com.evplatform.device.registry.application.Chargers;
import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.KeyScheme;

public interface ChargerRepository extends JpaRepository<Charger, String>, Chargers {

    @Query("select c from Charger c where (:stationId is null or c.stationId = :stationId) and (:operatorCode is null "
            + "or c.stationId in (select s.id from Station s where s.operatorCode = :operatorCode)) "
            + "order by c.chargePointId")
    Page<Charger> findVisible(String stationId, String operatorCode, Pageable page);

    /** A plain update, not a versioned save: it must not collide with a BootNotification being recorded. */
    @Override
    @Transactional
    @Modifying
    @Query("update Charger c set c.keyScheme = :scheme, c.passwordHash = :hash "
            + "where c.chargePointId = :chargePointId and c.passwordHash = :previous")
    int storeKey(String chargePointId, String previous, KeyScheme scheme, String hash);
}
