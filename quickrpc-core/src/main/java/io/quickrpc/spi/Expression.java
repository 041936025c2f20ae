package io.quickrpc.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed component expression: a shorthand, a colon, and a body whose meaning belongs to the
 * shorthand's factory. The body's parts are separated by colons; a part in parentheses may
 * itself contain colons, so expressions nest: {@code restart:5:(tcp:localhost:8888)},
 * {@code mux:(tcpserv::8888)(internal:bus)}. Square brackets protect colons too, for IPv6
 * addresses: {@code tcp:[::1]:8888}.
 */
public final class Expression {

	private final String kind;

	private final String text;

	private final String shorthand;

	private final String body;

	private final List<String> knownShorthands;

	private Expression(String kind, String text, String shorthand, String body, List<String> knownShorthands) {
		this.kind = kind;
		this.text = text;
		this.shorthand = shorthand;
		this.body = body;
		this.knownShorthands = knownShorthands;
	}

	static Expression parse(String kind, String text, List<String> knownShorthands) {
		// the body keeps trailing white space: it may be a delimiter, as in "jrpc:\n"
		String trimmed = text.stripLeading();
		int colon = trimmed.indexOf(':');
		String shorthand = (colon < 0) ? trimmed.strip() : trimmed.substring(0, colon).strip();
		String body = (colon < 0) ? "" : trimmed.substring(colon + 1);
		Expression expression = new Expression(kind, text, shorthand, body, knownShorthands);
		if (shorthand.isEmpty()) {
			throw expression.malformed("it must start with a " + kind + " shorthand");
		}
		for (int i = 0; i < shorthand.length(); i++) {
			char c = shorthand.charAt(i);
			if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
				throw expression.malformed("'" + shorthand + "' is not a shorthand (letters, digits, '_', '-', '.')");
			}
		}
		return expression;
	}

	/**
	 * Returns the shorthand, the part before the first colon.
	 * @return the shorthand
	 */
	public String shorthand() {
		return this.shorthand;
	}

	/**
	 * Returns everything after the first colon, as written; empty if there is none.
	 * @return the body
	 */
	public String body() {
		return this.body;
	}

	/**
	 * Returns the body split at the colons outside parentheses and brackets; a part wholly in
	 * parentheses is returned without them. An empty body has no arguments; {@code tcpserv::8888}
	 * has two, the first empty.
	 * @return the arguments
	 * @throws InvalidExpressionException if parentheses or brackets do not match
	 */
	public List<String> arguments() {
		List<String> arguments = new ArrayList<>();
		if (this.body.isEmpty()) {
			return arguments;
		}
		int depth = 0;
		int start = 0;
		for (int i = 0; i < this.body.length(); i++) {
			char c = this.body.charAt(i);
			if (c == '(' || c == '[') {
				depth++;
			}
			else if (c == ')' || c == ']') {
				depth = closing(depth);
			}
			else if (c == ':' && depth == 0) {
				arguments.add(unwrap(this.body.substring(start, i)));
				start = i + 1;
			}
		}
		checkClosed(depth);
		arguments.add(unwrap(this.body.substring(start)));
		return arguments;
	}

	/**
	 * Returns the body after the first {@code count} arguments, as written: for
	 * {@code restart:5:tcp:localhost:8888}, {@code bodyAfter(1)} is {@code tcp:localhost:8888}.
	 * A remainder wholly in parentheses is returned without them.
	 * @param count how many arguments to skip
	 * @return the rest of the body
	 * @throws InvalidExpressionException if the body has fewer arguments
	 */
	public String bodyAfter(int count) {
		int depth = 0;
		int seen = 0;
		if (count == 0) {
			return unwrap(this.body);
		}
		for (int i = 0; i < this.body.length(); i++) {
			char c = this.body.charAt(i);
			if (c == '(' || c == '[') {
				depth++;
			}
			else if (c == ')' || c == ']') {
				depth = closing(depth);
			}
			else if (c == ':' && depth == 0 && ++seen == count) {
				return unwrap(this.body.substring(i + 1));
			}
		}
		throw malformed("expected more than " + count + " argument(s)");
	}

	/**
	 * Returns the parenthesised groups the body consists of: {@code (a)(b:c)} gives {@code a}
	 * and {@code b:c}. Groups may nest and may be separated by white space.
	 * @return the groups' contents
	 * @throws InvalidExpressionException if the body is not a sequence of groups
	 */
	public List<String> groups() {
		List<String> groups = new ArrayList<>();
		int i = 0;
		while (i < this.body.length()) {
			char c = this.body.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			if (c != '(') {
				throw malformed("expected '(' at position " + i + " of '" + this.body + "'");
			}
			int end = matchingParenthesis(i);
			groups.add(this.body.substring(i + 1, end));
			i = end + 1;
		}
		return groups;
	}

	/**
	 * Creates the exception a factory throws when this expression's arguments are not valid.
	 * The message quotes the expression and names the expected syntax.
	 * @param reason what is wrong, such as "port 'x' is not a number"
	 * @return the exception, to throw
	 */
	public InvalidExpressionException invalid(String reason) {
		return new InvalidExpressionException(this.kind, this.text,
				"Invalid " + this.kind + " expression '" + this.text + "': " + reason + ".", this.knownShorthands);
	}

	InvalidExpressionException malformed(String reason) {
		return new InvalidExpressionException(this.kind, this.text, "Malformed " + this.kind + " expression '"
				+ this.text + "': " + reason + ". Write SHORTHAND[:ARGUMENTS], with one of: "
				+ String.join(", ", this.knownShorthands) + ".", this.knownShorthands);
	}

	@Override
	public String toString() {
		return this.text;
	}

	private int matchingParenthesis(int open) {
		int depth = 0;
		for (int i = open; i < this.body.length(); i++) {
			char c = this.body.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		throw malformed("'(' at position " + open + " of '" + this.body + "' is never closed");
	}

	private int closing(int depth) {
		if (depth == 0) {
			throw malformed("')' or ']' without an opening one");
		}
		return depth - 1;
	}

	private void checkClosed(int depth) {
		if (depth != 0) {
			throw malformed("'(' or '[' is never closed");
		}
	}

	private String unwrap(String part) {
		String stripped = part.strip();
		if (stripped.startsWith("(") && stripped.endsWith(")")) {
			// unwrap only when the first parenthesis closes at the very end: (a)(b) stays as is
			int depth = 0;
			for (int i = 0; i < stripped.length(); i++) {
				char c = stripped.charAt(i);
				if (c == '(') {
					depth++;
				}
				else if (c == ')' && --depth == 0) {
					return (i == stripped.length() - 1) ? stripped.substring(1, i) : part;
				}
			}
		}
		return part;
	}

}
