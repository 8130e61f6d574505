// SPDX-License-Identifier: MIT
package dicomite.json;

/**
 * Text that is not JSON (RFC 8259, with the comments and trailing commas that {@link Json}
 * tolerates). The message names the problem and where it is, e.g.
 * {@code Unexpected character 'x' at line 3, column 7}; line and column count from 1, columns in
 * UTF-16 code units.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line; // from 1
    private final int column; // from 1

    public JsonException(String message, int line, int column) {
        super(message + " at line " + line + ", column " + column);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
