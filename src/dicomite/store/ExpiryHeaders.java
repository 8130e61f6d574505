// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.http.Errors;
import dicomite.http.Request;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The expiry headers of a store request (spec §2.1, §0, managed service only): the study of the
 * stored instances is deleted once {@value #TIME} milliseconds have passed, counted from now
 * ({@value #OPTION}: {@code RelativeToNow}, the only option) at the level of the study
 * ({@value #LEVEL}: {@code Study}, the only level).
 *
 * <p>Strict, as the service's exact rules are unknown: the three headers go together (any one
 * without the others is a 400), the time is a positive whole number of milliseconds written in
 * digits, and option and level are compared exactly, case included. A header sent on several
 * lines is judged by its lines joined with ",", as HTTP reads them (RFC 9110 §5.3). Stateless.
 */
final class ExpiryHeaders {
    static final String TIME = "msdicom-expiry-time-milliseconds";
    static final String OPTION = "msdicom-expiry-option";
    static final String LEVEL = "msdicom-expiry-level";
    static final String RELATIVE_TO_NOW = "RelativeToNow";
    static final String STUDY = "Study";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private ExpiryHeaders() {
    }

    /**
     * The time the request asks its studies to live, or empty when it sends no expiry header.
     *
     * @throws dicomite.http.ApiError 400 naming the header and its value when one is invalid or
     *     one of the three is missing
     */
    static Optional<Duration> parse(Request request) {
        Optional<String> time = find(request, TIME);
        Optional<String> option = find(request, OPTION);
        Optional<String> level = find(request, LEVEL);
        if (time.isEmpty() && option.isEmpty() && level.isEmpty()) {
            return Optional.empty();
        }
        long milliseconds = parseTime(time.orElseThrow(() -> Errors.missingExpiryHeader(TIME)));
        String optionValue = option.orElseThrow(() -> Errors.missingExpiryHeader(OPTION));
        if (!optionValue.equals(RELATIVE_TO_NOW)) {
            throw Errors.invalidExpiryOption(optionValue);
        }
        String levelValue = level.orElseThrow(() -> Errors.missingExpiryHeader(LEVEL));
        if (!levelValue.equals(STUDY)) {
            throw Errors.invalidExpiryLevel(levelValue);
        }
        return Optional.of(Duration.ofMillis(milliseconds));
    }

    private static Optional<String> find(Request request, String name) {
        var values = request.headers(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    private static long parseTime(String value) {
        if (DIGITS.matcher(value).matches()) {
            try {
                long milliseconds = Long.parseLong(value);
                if (milliseconds > 0) {
                    return milliseconds;
                }
            } catch (NumberFormatException tooLarge) {
                // reported below as not a positive integer
            }
        }
        throw Errors.invalidExpiryTime(value);
    }
}
