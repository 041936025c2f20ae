package io.quickrpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestIdTests {

	@Test
	void aNumberIsKeptAsWrittenAndIsALongOnlyWhenItIsOneExactly() {
		assertThat(RequestId.ofNumber("42").longValue()).isEqualTo(42);
		assertThat(RequestId.ofNumber("42")).isEqualTo(RequestId.of(42)).hasToString("42");
		assertThat(RequestId.ofNumber("-9223372036854775808").longValue()).isEqualTo(Long.MIN_VALUE);
		for (String literal : List.of("42.0", "4.2e1", "-0", "9223372036854775808", "18446744073709551616")) {
			RequestId id = RequestId.ofNumber(literal);
			assertThat(id.isNumber()).as(literal).isTrue();
			assertThat(id.isLong()).as(literal).isFalse();
			assertThat(id).as(literal).hasToString(literal).isNotEqualTo(RequestId.of(42));
			assertThatIllegalStateException().isThrownBy(id::longValue).withMessageContaining(literal);
		}
	}

	@Test
	void somethingThatIsNotAJsonNumberIsRefusedWithTheWayToAStringId() {
		for (String literal : List.of("", "abc", "01", "+1", "1.", ".5", "NaN", "Infinity", "1e", "0x10", " 1")) {
			assertThatIllegalArgumentException().as(literal)
				.isThrownBy(() -> RequestId.ofNumber(literal))
				.withMessage("'" + literal + "' is not a JSON number; pass a number such as 3 or 1.5, or use "
						+ "RequestId.of(String) for a string id");
		}
	}

	@Test
	void aStringIdIsNeverEqualToTheNumberItSpells() {
		assertThat(RequestId.of("7")).isNotEqualTo(RequestId.of(7));
		assertThat(RequestId.of("7").isString()).isTrue();
		assertThat(RequestId.of("7").isLong()).isFalse();
		assertThat(RequestId.of("say \"hi\"\n")).hasToString("\"say \\\"hi\\\"\\u000a\"");
		assertThat(RequestId.of("null")).isNotEqualTo(RequestId.nullId());
		assertThat(RequestId.nullId().isNull()).isTrue();
		assertThat(RequestId.nullId()).hasToString("null");
		assertThatIllegalStateException().isThrownBy(() -> RequestId.nullId().text());
	}

}
