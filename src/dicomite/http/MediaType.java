// SPDX-License-Identifier: MIT
package dicomite.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A media type or media range with its parameters, as Content-Type and Accept carry them
 * (RFC 9110 §8.3.1, §12.5.1; parameter syntax §5.6.6), with the structured syntax suffix of
 * RFC 6838 §4.2.8 ({@code +json} in {@code application/dicom+json}).
 *
 * <p>Invariants: type and subtype are lower case; parameter names are lower case and unique;
 * values are kept as sent, with the quotes and backslash escapes of a quoted string removed. The
 * weight {@code q} of an Accept entry (RFC 9110 §12.4.2) is held apart, in {@link #quality()},
 * and is not among the parameters. Instances are immutable.
 *
 * <p>Leniency, matching what the service accepts: an unquoted value may contain {@code /}
 * ({@code type=application/dicom}); optional whitespace is accepted around {@code /} and
 * {@code =} (RFC 9110 allows it only around {@code ;}). Empty parameters ({@code a/b;;c=d}) are
 * skipped as RFC 9110 §5.6.6 allows. A repeated parameter name is an error.
 *
 * <pre>{@code
 * MediaType accept = MediaType.parse("multipart/related; type=\"application/dicom\"");
 * accept.findParameter("TYPE");                      // Optional[application/dicom]
 * MediaType.parse("application/json").includes(MediaType.APPLICATION_DICOM_JSON);   // true
 * }</pre>
 */
public final class MediaType {
    public static final MediaType ANY = of("*", "*");
    public static final MediaType APPLICATION_DICOM = of("application", "dicom");
    public static final MediaType APPLICATION_DICOM_JSON = of("application", "dicom+json");
    public static final MediaType APPLICATION_JSON = of("application", "json");
    public static final MediaType APPLICATION_OCTET_STREAM = of("application", "octet-stream");
    public static final MediaType MULTIPART_RELATED = of("multipart", "related");

    // RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private final String type;
    private final String subtype;
    private final Map<String, String> parameters; // lower-case name -> value, in sent order
    private final double quality; // 0.0 to 1.0

    private MediaType(String type, String subtype, Map<String, String> parameters,
            double quality) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.quality = quality;
    }

    /**
     * Parses one media type with its parameters, e.g. a Content-Type header value.
     *
     * @throws InvalidMediaTypeException if the text breaks RFC 9110 §8.3.1, quoting the text, the
     *         position and the rule
     */
    public static MediaType parse(String text) {
        HeaderCursor cursor = new HeaderCursor(text, "Media type");
        MediaType mediaType = parse(cursor);
        if (!cursor.atEnd()) {
            throw cursor.error("has '" + cursor.peek() + "' where a ';' or the end belongs");
        }
        return mediaType;
    }

    /** The type {@code type/subtype} without parameters; both must be tokens. */
    public static MediaType of(String type, String subtype) {
        return parse(type + "/" + subtype);
    }

    /**
     * Parses one media type at the cursor, stopping before a ',' that ends a list element or at
     * the end of the text.
     *
     * @throws InvalidMediaTypeException as {@link #parse(String)}
     */
    static MediaType parse(HeaderCursor cursor) {
        cursor.skipWhitespace();
        String type = cursor.readToken("type").toLowerCase(Locale.ROOT);
        cursor.skipWhitespace();
        cursor.expect('/', "between type and subtype");
        cursor.skipWhitespace();
        String subtype = cursor.readToken("subtype").toLowerCase(Locale.ROOT);
        if (type.equals("*") && !subtype.equals("*")) {
            throw cursor.error("has a wildcard type with the subtype '" + subtype
                    + "'; only '*/*' may have a wildcard type (RFC 9110 §12.5.1)");
        }
        Parameters parameters = readParameters(cursor);
        return new MediaType(type, subtype, parameters.values(), parameters.quality());
    }

    private record Parameters(Map<String, String> values, double quality) {
    }

    private static Parameters readParameters(HeaderCursor cursor) {
        Map<String, String> values = new LinkedHashMap<>();
        double quality = 1.0;
        for (cursor.skipWhitespace(); !cursor.atEnd() && cursor.peek() != ',';
                cursor.skipWhitespace()) {
            cursor.expect(';', "before a parameter");
            cursor.skipWhitespace();
            if (cursor.atEnd() || cursor.peek() == ';' || cursor.peek() == ',') {
                continue; // RFC 9110 §5.6.6: parameters = *( OWS ";" OWS [ parameter ] )
            }
            int start = cursor.position();
            String name = cursor.readToken("parameter name").toLowerCase(Locale.ROOT);
            String value = readParameterValue(cursor, name);
            if (name.equals("q")) {
                quality = parseQuality(cursor, value);
            } else if (values.putIfAbsent(name, value) != null) {
                throw cursor.errorAt(start, "repeats the parameter '" + name + "'");
            }
        }
        return new Parameters(values, quality);
    }

    private static String readParameterValue(HeaderCursor cursor, String name) {
        cursor.skipWhitespace();
        cursor.expect('=', "after the parameter name '" + name + "'");
        cursor.skipWhitespace();
        if (!cursor.atEnd() && cursor.peek() == '"') {
            return cursor.readQuotedString();
        }
        // RFC 2387 §3.1 writes the type parameter unquoted, and the service accepts
        // type=application/dicom (spec §2.1, §3.2): so '/' may appear in an unquoted value
        return cursor.readToken("value of the parameter '" + name + "'", "/");
    }

    private static double parseQuality(HeaderCursor cursor, String value) {
        if (!QVALUE.matcher(value).matches()) {
            throw cursor.error("has the weight q=" + value + ", which is not a number from 0 to 1"
                    + " with at most 3 decimals (RFC 9110 §12.4.2)");
        }
        return Double.parseDouble(value);
    }

    /** The top-level type in lower case, e.g. {@code application}; {@code *} in a range. */
    public String type() {
        return type;
    }

    /** The subtype in lower case, e.g. {@code dicom+json}; {@code *} in a range. */
    public String subtype() {
        return subtype;
    }

    /** {@code type/subtype} in lower case, without parameters. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** The structured syntax suffix (RFC 6838 §4.2.8): {@code json} for {@code dicom+json}. */
    public Optional<String> suffix() {
        int plus = subtype.lastIndexOf('+');
        return plus < 0 || plus == subtype.length() - 1 ? Optional.empty()
                : Optional.of(subtype.substring(plus + 1));
    }

    /** Parameters other than {@code q}, by lower-case name, in the order sent. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The value of the parameter with this name, compared without regard to case. */
    public Optional<String> findParameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The weight {@code q} of an Accept entry; 1.0 when absent (RFC 9110 §12.4.2). */
    public double quality() {
        return quality;
    }

    /** This type with the parameter set (replacing one of the same name). */
    public MediaType withParameter(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!HeaderCursor.isToken(key) || key.equals("q")) {
            throw new IllegalArgumentException("Parameter name '" + name + "' is not a token");
        }
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, Objects.requireNonNull(value));
        return new MediaType(type, subtype, copy, quality);
    }

    /** Whether the type is {@code type/subtype} (case-insensitive), whatever the parameters. */
    public boolean is(String typeAndSubtype) {
        return essence().equalsIgnoreCase(typeAndSubtype);
    }

    /**
     * Whether this media range admits the media type {@code offered}, ignoring parameters and
     * weight, as the service's Accept filter does (spec §1.4): {@code *}{@code /*} admits all,
     * {@code application/*} every application type, a type admits itself, and a type whose
     * subtype names a structured syntax admits the types with that suffix (RFC 6838 §4.2.8), so
     * {@code application/json} admits {@code application/dicom+json}.
     */
    public boolean includes(MediaType offered) {
        if (type.equals("*")) {
            return true;
        }
        if (!type.equals(offered.type)) {
            return false;
        }
        if (subtype.equals("*") || subtype.equals(offered.subtype)) {
            return true;
        }
        return suffix().isEmpty() && offered.suffix().filter(subtype::equals).isPresent();
    }

    /** The canonical text: lower-case type, {@code "; "} between parameters, quoted if needed. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(essence());
        parameters.forEach((name, value) -> text.append("; ").append(name).append('=')
                .append(HeaderCursor.quoteIfNeeded(value)));
        if (quality != 1.0) {
            text.append("; q=").append(quality);
        }
        return text.toString();
    }

    /** Equal when type, subtype, weight and parameters (values compared exactly) are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MediaType that && type.equals(that.type)
                && subtype.equals(that.subtype) && quality == that.quality
                && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, subtype, parameters, quality);
    }
}
