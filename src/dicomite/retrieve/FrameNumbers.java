// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.http.Errors;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code {frames}} path segment of the frames route (spec §3.4): a comma-separated list of
 * frame numbers from 1, in the order the parts are answered. Commas may come percent-encoded
 * (the router decodes them); spaces around an entry are ignored and empty entries dropped, as
 * the service's list binder does. Stateless.
 *
 * <pre>{@code
 * List<Integer> frames = FrameNumbers.parse(" 3, 1 "); // [3, 1]
 * FrameNumbers.requirePositive(frames);
 * }</pre>
 */
final class FrameNumbers {
    private FrameNumbers() {
    }

    /**
     * The numbers of the list, duplicates and order kept.
     *
     * @throws dicomite.http.ApiError 400 "The query parameter 'frames' is invalid. Unable to
     *     parse value '{x}' as Int32." for the first entry that is not a 32-bit integer
     */
    static List<Integer> parse(String segment) {
        List<Integer> numbers = new ArrayList<>();
        for (String entry : segment.split(",", -1)) {
            String value = entry.strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                numbers.add(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw Errors.unparsableFrame(value);
            }
        }
        return numbers;
    }

    /**
     * Checks that there is a frame and that each is at least 1.
     *
     * @throws dicomite.http.ApiError 400 of spec §3.4 otherwise
     */
    static void requirePositive(List<Integer> numbers) {
        if (numbers.isEmpty() || numbers.stream().anyMatch(n -> n < 1)) {
            throw Errors.invalidFrames();
        }
    }
}
