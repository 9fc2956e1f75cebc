package com.agentobs.contracts.web;

import com.agentobs.contracts.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestInputFilterTest {

	@Test
	void checkQuery_acceptsWellFormedPercentEncodedUtf8() {
		assertThat(RequestInputFilter.checkQuery("q=caf%C3%A9+au+lait&limit=50&flag&empty=")).isNull();
		assertThat(RequestInputFilter.checkQuery("emoji=%F0%9F%98%80")).isNull();
	}

	@Test
	void checkQuery_names400Parameter_whenAnEscapeIsMalformedOrNotUtf8() {
		assertThat(field(RequestInputFilter.checkQuery("range=24h&q=%zz"))).isEqualTo("q");
		assertThat(field(RequestInputFilter.checkQuery("actor=%C3%28"))).isEqualTo("actor");
		assertThat(field(RequestInputFilter.checkQuery("q=100%"))).isEqualTo("q");
		assertThat(field(RequestInputFilter.checkQuery("q=%ED%A0%80"))).isEqualTo("q");
		assertThat(field(RequestInputFilter.checkQuery("%zz=1"))).isEqualTo("query");
	}

	/** PostgreSQL cannot store NUL in text: refused at the door rather than by the database. */
	@Test
	void checkQuery_names400Parameter_whenAValueHoldsNul() {
		ApiException refused = RequestInputFilter.checkQuery("q=a%00b");
		assertThat(field(refused)).isEqualTo("q");
		assertThat(refused.details().get("reason").toString()).contains("NUL");
	}

	private static String field(ApiException ex) {
		assertThat(ex).isNotNull();
		assertThat(ex.code().status()).isEqualTo(400);
		return ex.details().get("field").toString();
	}

}
