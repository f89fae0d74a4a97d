package com.evplatform.charging.session.infrastructure;

import com.evplatform.charging.contract.TariffSnapshot;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import tools.jackson.databind.json.JsonMapper;

/**
 * A session's tariff snapshot in its TEXT column, as the JSON the API shows. Applied to every
 * {@link TariffSnapshot} attribute, so the entity holds the typed value and parses it once, on load.
 */
@Converter(autoApply = true)
public class TariffSnapshotColumn implements AttributeConverter<TariffSnapshot, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(TariffSnapshot tariff) {
        return tariff == null ? null : JSON.writeValueAsString(tariff);
    }

    @Override
    public TariffSnapshot convertToEntityAttribute(String column) {
        return column == null ? null : JSON.readValue(column, TariffSnapshot.class);
    }
}
