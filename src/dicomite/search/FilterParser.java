// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.dicom.ElementDictionary;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.http.Errors;
import dicomite.storage.SearchQuery.Attribute;
import dicomite.storage.SearchQuery.Condition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Turns the attribute filters of a QIDO-RS query into index conditions (spec §4.2, §4.3), in
 * the order given, each checked in the service's order: the id names an attribute (not a
 * sequence path), the attribute is queryable at the resource, the value is not empty, the value
 * parses for its VR; then no two filters may name the same attribute.
 *
 * <p>Matching (spec §4.3): dates (DA) are {@code yyyyMMdd} or a range split at '-' with either
 * side open; with {@code fuzzymatching=true} every person name matches by word prefixes (a '"'
 * is refused); anything else matches exactly, '*', '?', ',' and '\' being literal characters.
 * With {@code --loose} (spec §0), PS3.18 §8.3.4 adds UID-list matching (UIDs separated by ',' or
 * '\') and, for the VRs of PS3.4 §C.2.2.2.4 (every core text attribute but UIDs and dates),
 * wildcard matching with '*' and '?', a value of only '*' matching everything. Stateless.
 */
final class FilterParser {
    static final int ModalitiesInStudy = 0x00080061;
    static final int ManufacturerModelName = 0x00081090;
    static final int PerformedProcedureStepStartDate = 0x00400244;

    /** The core attributes the index holds (spec §4.1), by tag. */
    private static final Map<Integer, Attribute> CORE = Map.ofEntries(
            Map.entry(Tag.StudyInstanceUID, Attribute.STUDY_INSTANCE_UID),
            Map.entry(Tag.PatientName, Attribute.PATIENT_NAME),
            Map.entry(Tag.PatientID, Attribute.PATIENT_ID),
            Map.entry(Tag.PatientBirthDate, Attribute.PATIENT_BIRTH_DATE),
            Map.entry(Tag.AccessionNumber, Attribute.ACCESSION_NUMBER),
            Map.entry(Tag.ReferringPhysicianName, Attribute.REFERRING_PHYSICIAN_NAME),
            Map.entry(Tag.StudyDate, Attribute.STUDY_DATE),
            Map.entry(Tag.StudyDescription, Attribute.STUDY_DESCRIPTION),
            Map.entry(ModalitiesInStudy, Attribute.MODALITIES_IN_STUDY),
            Map.entry(Tag.SeriesInstanceUID, Attribute.SERIES_INSTANCE_UID),
            Map.entry(Tag.Modality, Attribute.MODALITY),
            Map.entry(PerformedProcedureStepStartDate,
                    Attribute.PERFORMED_PROCEDURE_STEP_START_DATE),
            Map.entry(ManufacturerModelName, Attribute.MANUFACTURER_MODEL_NAME),
            Map.entry(Tag.SOPInstanceUID, Attribute.SOP_INSTANCE_UID));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern EIGHT_DIGITS = Pattern.compile("[0-9]{8}");
    private static final Pattern UID_LIST = Pattern.compile("[,\\\\]");

    /**
     * A filter on one attribute; the condition is empty for universal matching (a loose '*'),
     * which constrains nothing but still names an attribute to return (spec §4.5).
     */
    record Filter(int tag, Optional<Condition> condition) {
    }

    private final QidoResource resource;
    private final boolean fuzzyMatching;
    private final boolean loose;

    FilterParser(QidoResource resource, boolean fuzzyMatching, boolean loose) {
        this.resource = resource;
        this.fuzzyMatching = fuzzyMatching;
        this.loose = loose;
    }

    /**
     * The filters, in the order given.
     *
     * @throws dicomite.http.ApiError 400 with the message of spec §4.2 or §4.3 for the first
     *     filter that fails a check
     */
    List<Filter> parse(Map<String, String> filters) {
        Map<Integer, Filter> byTag = new LinkedHashMap<>();
        filters.forEach((key, value) -> {
            Filter filter = parse(key, value);
            if (byTag.putIfAbsent(filter.tag(), filter) != null) {
                throw Errors.attributeGivenInTwoFormats(key);
            }
        });
        return new ArrayList<>(byTag.values());
    }

    private Filter parse(String key, String value) {
        if (AttributeIds.isSequencePath(key)) {
            throw Errors.sequenceAttributeNotSupported(key);
        }
        OptionalInt tag = AttributeIds.findTag(key);
        if (tag.isEmpty()) {
            throw Errors.unknownQueryParameter(key);
        }
        Attribute attribute = CORE.get(tag.getAsInt());
        if (attribute == null || !resource.attributeLevels().contains(attribute.level())) {
            throw Errors.attributeNotQueryable(key);
        }
        if (value.isBlank()) {
            throw Errors.emptyAttributeValue(key);
        }
        return new Filter(tag.getAsInt(), conditionOf(tag.getAsInt(), attribute, value));
    }

    private Optional<Condition> conditionOf(int tag, Attribute attribute, String value) {
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.DA) {
            return Optional.of(dateCondition(attribute, AttributeIds.nameOf(tag), value));
        }
        if (vr == VR.PN && fuzzyMatching) {
            if (value.indexOf('"') >= 0) {
                throw Errors.fuzzyMatchingUnsupportedCharacter(AttributeIds.nameOf(tag), value);
            }
            return Optional.of(Condition.fuzzy(attribute, value));
        }
        if (loose && vr == VR.UI && UID_LIST.matcher(value).find()) {
            return Optional.of(uidList(attribute, value));
        }
        if (loose && vr != VR.UI && (value.indexOf('*') >= 0 || value.indexOf('?') >= 0)) {
            return value.chars().allMatch(c -> c == '*') ? Optional.empty()
                    : Optional.of(Condition.wildcard(attribute, value));
        }
        return Optional.of(Condition.exact(attribute, value));
    }

    // PS3.18 §8.3.4.1: UID-list matching; empty list entries are ignored.
    private static Condition uidList(Attribute attribute, String value) {
        List<String> uids = Arrays.stream(UID_LIST.split(value)).map(String::strip)
                .filter(uid -> !uid.isEmpty()).toList();
        return uids.isEmpty() ? Condition.exact(attribute, value)
                : Condition.anyOf(attribute, uids);
    }

    // Spec §4.3: exactly two parts around '-' make a range; anything else is one date.
    private static Condition dateCondition(Attribute attribute, String keyword, String value) {
        String[] parts = value.split("-", -1);
        if (parts.length != 2) {
            requireDate(value, keyword);
            return Condition.exact(attribute, value);
        }
        String from = parts[0].strip();
        String to = parts[1].strip();
        if (from.isEmpty() && to.isEmpty()) {
            throw Errors.emptyDateRange();
        }
        LocalDate min = from.isEmpty() ? LocalDate.MIN : requireDate(from, keyword);
        LocalDate max = to.isEmpty() ? LocalDate.MAX : requireDate(to, keyword);
        if (min.isAfter(max)) {
            throw Errors.reversedDateRange(value, from, to);
        }
        return Condition.range(attribute, from.isEmpty() ? null : from,
                to.isEmpty() ? null : to);
    }

    // .NET's exact "yyyyMMdd": eight digits of a real date in years 1 to 9999.
    private static LocalDate requireDate(String text, String keyword) {
        if (EIGHT_DIGITS.matcher(text).matches()) {
            try {
                LocalDate date = LocalDate.parse(text, DATE);
                if (date.getYear() >= 1) {
                    return date;
                }
            } catch (DateTimeException notADate) {
                // reported below
            }
        }
        throw Errors.invalidDate(text, keyword);
    }
}
