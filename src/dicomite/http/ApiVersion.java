// SPDX-License-Identifier: MIT
package dicomite.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API versions of the service that a path may name in its {@code v{version}} segment (spec
 * §1.1). {@code v1.0} and {@code v2.0} are other spellings of {@code v1} and {@code v2}; the
 * pre-release is a version of its own that behaves as major version 1.
 *
 * <p>The declaration order is the order of the {@code api-supported-versions} header.
 */
public enum ApiVersion {
    V1_0_PRERELEASE("1.0-prerelease", 1),
    V1("1", 1),
    V2("2", 2);

    // ASP.NET API Versioning's group-less format: major[.minor][-status]. Anything else is not a
    // version at all, so the path does not match a versioned route (404 rather than 400).
    private static final Pattern WELL_FORMED =
            Pattern.compile("[0-9]+(\\.[0-9]+)?(-[A-Za-z][A-Za-z0-9]*)?");

    private final String label;
    private final int major;

    ApiVersion(String label, int major) {
        this.label = label;
        this.major = major;
    }

    /** The version as {@code api-supported-versions} writes it, e.g. "1.0-prerelease". */
    public String label() {
        return label;
    }

    /** 1 or 2: the behaviour the version selects (spec §13 lists the differences). */
    public int major() {
        return major;
    }

    /** Finds the version a path segment names, without its "v": "2", "2.0", "1.0-prerelease". */
    public static Optional<ApiVersion> find(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "1.0-prerelease":
                return Optional.of(V1_0_PRERELEASE);
            case "1":
            case "1.0":
                return Optional.of(V1);
            case "2":
            case "2.0":
                return Optional.of(V2);
            default:
                return Optional.empty();
        }
    }

    /** True when the text has the shape of a version, supported or not ("3", "2.1", "1.0-beta"). */
    static boolean isWellFormed(String text) {
        return WELL_FORMED.matcher(text).matches();
    }

    /** The value of the {@code api-supported-versions} header for these versions (spec §1.1). */
    static String headerValue(Set<ApiVersion> versions) {
        return versions.stream().sorted().map(ApiVersion::label).collect(Collectors.joining(", "));
    }
}
