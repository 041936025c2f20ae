package io.quickrpc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

class RegistryTests {

	private static final List<String> KNOWN = List.of("mux", "restart", "tcp");

	@Test
	void expressionSplitsIntoShorthandAndArguments() {
		assertThat(parse("tcpserv::8888").arguments()).containsExactly("", "8888");
		assertThat(parse("tcp:[::1]:8888").arguments()).containsExactly("[::1]", "8888");
		assertThat(parse("null").shorthand()).isEqualTo("null");
		assertThat(parse("null").arguments()).isEmpty();
		assertThat(parse("stdio:").body()).isEmpty();
		assertThat(parse("jrpc:\n").body()).as("trailing white space is part of the body").isEqualTo("\n");
	}

	@Test
	void nestedExpressionsKeepTheirColons() {
		Expression restart = parse("restart:5:tcp:host:1");
		assertThat(restart.arguments().get(0)).isEqualTo("5");
		assertThat(restart.bodyAfter(1)).isEqualTo("tcp:host:1");
		assertThat(parse("restart:5:(tcp:host:1)").arguments()).containsExactly("5", "tcp:host:1");
		assertThat(parse("mux:(tcpserv::0) (internal:a:b)").groups()).containsExactly("tcpserv::0", "internal:a:b");
		assertThat(parse("mux:(restart:1:(tcp:h:1))(internal:)").groups())
			.containsExactly("restart:1:(tcp:h:1)", "internal:");
		assertThat(parse("process:(java -cp a:b Main)").bodyAfter(0)).isEqualTo("java -cp a:b Main");
	}

	@Test
	void malformedExpressionsQuoteThemselvesAndListTheKnownShorthands() {
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> parse("mux:(tcp:h:1").groups())
			.withMessage("Malformed transport expression 'mux:(tcp:h:1': '(' at position 0 of '(tcp:h:1' is never closed. "
					+ "Write SHORTHAND[:ARGUMENTS], with one of: mux, restart, tcp.");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> parse("mux:(a)b").groups())
			.withMessageContaining("expected '(' at position 3 of '(a)b'");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> parse("restart:1:(tcp").arguments())
			.withMessageContaining("'(' or '[' is never closed");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> parse(":8888"))
			.withMessageContaining("it must start with a transport shorthand");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> parse("t c p:1"))
			.withMessageContaining("'t c p' is not a shorthand")
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo("transport");
				assertThat(ex.expression()).isEqualTo("t c p:1");
				assertThat(ex.knownShorthands()).isEqualTo(KNOWN);
			});
	}

	@Test
	void unknownShorthandNamesTheKnownSyntaxesAndWhatToDo() {
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.transports().create("tpc:localhost:8888"))
			.withMessageStartingWith("Unknown transport 'tpc' in expression 'tpc:localhost:8888'. Known: ")
			.withMessageContaining("internal[:BUS[:NAME]]")
			.withMessageContaining("tcp:HOST:PORT")
			.withMessageEndingWith("Check the spelling, or put the library that provides 'tpc' on the class path.");
	}

	@Test
	void defaultRegistriesHoldTheBuiltInFactories() {
		assertThat(Registry.codecs().shorthands()).containsExactly("jrpc", "terse");
		assertThat(Registry.transports().shorthands())
			.containsExactly("internal", "mux", "process", "restart", "stdio", "tcp", "tcpserv", "udp", "ws", "wss", "wsserv");
		assertThat(Registry.securities().shorthands()).containsExactly("blindly_believe_everything", "hmac", "null");
	}

	@Test
	void ownRegistriesNestComponents() {
		Registry<String> registry = Registry.of("word", List.of(new Word("upper", String::toUpperCase), new Nested()));

		assertThat(registry.create("upper:abc")).isEqualTo("ABC");
		assertThat(registry.create("twice:(upper:x)")).isEqualTo("XX");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> registry.create("twice:"))
			.withMessage("Invalid word expression 'twice:': expected a nested word in parentheses.");
	}

	@Test
	void factoriesRejectBadArguments() {
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.securities().create("null:x"))
			.withMessage("Invalid security expression 'null:x': 'null' takes no arguments.");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.transports().create("internal:a:b:c"))
			.withMessageContaining("expected at most a bus and a peer name");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.transports().create("tcp:host:http"))
			.withMessage("Invalid transport expression 'tcp:host:http': port 'http' is not a number from 0 to 65535.");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.transports().create("restart:soon:tcp:h:1"))
			.withMessageContaining("interval 'soon' is not a number of seconds");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.transports().create("process:(java \"unclosed)"))
			.withMessageContaining("a \" quote is never closed");
	}

	@Test
	void twoFactoriesClaimingOneShorthandAreRefusedNamingBoth() {
		ComponentFactory<String> upper = new Word("word", String::toUpperCase);
		ComponentFactory<String> lower = new ComponentFactory<>() {

			@Override
			public String shorthand() {
				return "word";
			}

			@Override
			public String syntax() {
				return "word:TEXT";
			}

			@Override
			public String create(Expression expression, Registry<String> registry) {
				return expression.body().toLowerCase();
			}

		};
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> Registry.of("word", List.of(upper, lower)))
			.withMessage("Two word factories claim the shorthand 'word': " + Word.class.getName() + " and "
					+ lower.getClass().getName() + "; remove one of them from the class path (or its "
					+ "META-INF/services entry), or build a Registry.of(...) with the one you want");
	}

	@Test
	void settingsAreHandedToFactoriesByTheirType() {
		Registry<String> registry = Registry.<String>of("word", List.of(new Word("word", String::trim)))
			.with(CharSequence.class, "first")
			.with(CharSequence.class, new StringBuilder("second"));

		assertThat(registry.setting(CharSequence.class, "none")).hasToString("second");
		assertThat(registry.setting(Integer.class, 7)).isEqualTo(7);
	}

	private static Expression parse(String text) {
		return Expression.parse("transport", text, KNOWN);
	}

	private record Word(String shorthand, java.util.function.UnaryOperator<String> transform)
			implements ComponentFactory<String> {

		@Override
		public String syntax() {
			return this.shorthand + ":TEXT";
		}

		@Override
		public String create(Expression expression, Registry<String> registry) {
			return this.transform.apply(expression.body());
		}

	}

	private static final class Nested implements ComponentFactory<String> {

		@Override
		public String shorthand() {
			return "twice";
		}

		@Override
		public String syntax() {
			return "twice:(WORD)";
		}

		@Override
		public String create(Expression expression, Registry<String> registry) {
			List<String> groups = expression.groups();
			if (groups.size() != 1) {
				throw expression.invalid("expected a nested word in parentheses");
			}
			String inner = registry.create(groups.get(0));
			return inner + inner;
		}

	}

}
