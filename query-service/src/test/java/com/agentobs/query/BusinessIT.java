package com.agentobs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.query.business.BusinessJob;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Business Impact against a seeded workspace: value models set as actions, value/ROI/attribution
 * recomputed here from raw traces, goals through their actions with undo, and the business job's
 * forecasts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the module's one test context
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusinessIT {

	private static final BigDecimal ENGINEERING_UNIT = new BigDecimal("23.75");

	private static final BigDecimal SUPPORT_UNIT = new BigDecimal("4.50");

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper mapper;

	@Autowired
	BusinessJob job;

	SeededWorkspace ws;

	String viewer;

	String operator;

	@BeforeAll
	void seed() throws Exception {
		this.ws = new SeededWorkspace(3000);
		this.viewer = TestJwts.user(this.ws.id, Role.VIEWER);
		this.operator = TestJwts.user(this.ws.id, Role.OPERATOR);
		assertThat(call(put("/api/v1/business/value-model"), this.operator, """
				{"department":"engineering","model_type":"hours_saved","hours_per_outcome":0.25,"hourly_rate_usd":95}
				""").getResponse().getStatus()).isEqualTo(201);
		assertThat(call(put("/api/v1/business/value-model"), this.operator, """
				{"department":"support","model_type":"per_outcome","value_per_outcome_usd":4.50}
				""").getResponse().getStatus()).isEqualTo(201);
	}

	@AfterAll
	void cleanUp() {
		this.ws.close();
	}

	/** Successful requests (sample-rate weighted) and cost per department code, from raw traces. */
	private Map<String, BigDecimal[]> rawByDepartment() {
		Map<String, BigDecimal[]> out = new java.util.HashMap<>();
		this.ws.owner.sql("""
				SELECT d.department_code, COALESCE(SUM(t.sample_rate) FILTER (WHERE t.status = 'success'), 0) AS ok,
				       COALESCE(SUM(t.sample_rate * t.cost_usd), 0) AS cost
				FROM traces t JOIN departments d ON d.id = t.department_id
				WHERE t.workspace_id = :ws GROUP BY d.department_code""")
			.param("ws", this.ws.id)
			.query((rs, i) -> out.put(rs.getString(1), new BigDecimal[] { rs.getBigDecimal(2), rs.getBigDecimal(3) }))
			.list();
		return out;
	}

	@Test
	void overview_valueCostAndRoi_equalARecomputationFromRawTraces() throws Exception {
		Map<String, BigDecimal[]> raw = rawByDepartment();
		BigDecimal value = raw.get("engineering")[0].multiply(ENGINEERING_UNIT)
			.add(raw.get("support")[0].multiply(SUPPORT_UNIT));
		BigDecimal cost = raw.values().stream().map((r) -> r[1]).reduce(BigDecimal.ZERO, BigDecimal::add);

		JsonNode data = read("/api/v1/business/overview?range=30d", this.viewer).get("data");

		assertThat(data.get("value_usd").decimalValue()).isEqualByComparingTo(value.setScale(2, RoundingMode.HALF_UP));
		assertThat(data.get("cost_usd").decimalValue()).isEqualByComparingTo(cost.setScale(2, RoundingMode.HALF_UP));
		BigDecimal roundedValue = value.setScale(2, RoundingMode.HALF_UP);
		BigDecimal roundedCost = cost.setScale(2, RoundingMode.HALF_UP);
		assertThat(data.get("roi_pct").asDouble()).isEqualTo(roundedValue.subtract(roundedCost)
			.multiply(BigDecimal.valueOf(100))
			.divide(roundedCost, 1, RoundingMode.HALF_UP)
			.doubleValue());
		assertThat(data.get("hours_saved").asDouble())
			.isCloseTo(raw.get("engineering")[0].doubleValue() * 0.25, within(0.06));
		assertThat(data.get("departments_without_value_model").asInt()).isEqualTo(1);
	}

	@Test
	void roiByDepartment_ranksByValue_salesWithoutAModelIsWorthNothing_andExportsCsvForAnalysts() throws Exception {
		JsonNode rows = read("/api/v1/business/roi-by-department?range=30d", this.viewer).get("data");

		assertThat(rows.get(0).get("department").asString()).isEqualTo("engineering");
		JsonNode sales = null;
		for (JsonNode r : rows) {
			if (r.get("department").asString().equals("sales")) {
				sales = r;
			}
		}
		assertThat(sales.get("value_usd").decimalValue()).isEqualByComparingTo("0");
		assertThat(sales.get("roi_pct").asDouble()).isEqualTo(-100.0);
		assertThat(sales.get("value_model_type").isNull()).isTrue();

		MvcResult csv = call(get("/api/v1/business/executive-report?range=30d&format=csv"),
				TestJwts.user(this.ws.id, Role.ANALYST), null);
		assertThat(csv.getResponse().getStatus()).isEqualTo(200);
		assertThat(csv.getResponse().getContentAsString()).startsWith("department,value_usd,cost_usd,roi_pct");
		assertThat(call(get("/api/v1/business/executive-report?format=csv"), this.viewer, null).getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void executiveReportPdf_carriesTheCsvNumbers_forAnalystsOnly() throws Exception {
		String analyst = TestJwts.user(this.ws.id, Role.ANALYST);
		List<String> csv = call(get("/api/v1/business/executive-report?range=30d&format=csv"), analyst, null)
			.getResponse()
			.getContentAsString()
			.lines()
			.toList();
		MvcResult pdf = call(get("/api/v1/business/executive-report?range=30d&format=pdf"), analyst, null);

		assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
		assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
		assertThat(pdf.getResponse().getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"business_executive_report.pdf\"");
		String text;
		try (PDDocument doc = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
			PDFTextStripper stripper = new PDFTextStripper();
			stripper.setSortByPosition(true);
			text = stripper.getText(doc);
		}
		assertThat(text).contains("Executive report", "Workspace: ", "Period: ", "Generated: ", "Goal board",
				"Forecast", "next 30 days", "next 90 days");
		// the department table: one line per CSV row, the same cells in the same order
		String table = text.substring(text.indexOf("ROI by department"), text.indexOf("Goal board"));
		String[] columns = csv.get(0).split(",");
		assertThat(csv).hasSizeGreaterThan(3);
		BigDecimal value = BigDecimal.ZERO;
		BigDecimal cost = BigDecimal.ZERO;
		for (String row : csv.subList(1, csv.size())) {
			String[] cells = row.split(",", -1);
			String line = table.lines()
				.filter((l) -> l.startsWith(cells[0] + " "))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no PDF row for " + cells[0] + " in\n" + table));
			String[] shown = line.trim().split("\\s+");
			assertThat(shown).as(line).hasSize(cells.length);
			for (int i = 1; i < cells.length; i++) {
				BigDecimal expected = cells[i].isEmpty() ? null : new BigDecimal(cells[i]);
				BigDecimal actual = pdfNumber(shown[i]);
				assertThat(actual == null ? null : actual.stripTrailingZeros())
					.as(cells[0] + " " + columns[i] + " in: " + line)
					.isEqualTo(expected == null ? null : expected.stripTrailingZeros());
			}
			value = value.add(new BigDecimal(cells[1]));
			cost = cost.add(new BigDecimal(cells[2]));
		}
		// the summary's ROI is the ROI of the CSV rows' totals
		Matcher roi = Pattern.compile("ROI: (\\S+)").matcher(text);
		assertThat(roi.find()).isTrue();
		assertThat(pdfNumber(roi.group(1))).isEqualByComparingTo(value.subtract(cost)
			.multiply(BigDecimal.valueOf(100))
			.divide(cost, 1, RoundingMode.HALF_UP));
		Matcher total = Pattern.compile("Value delivered: (\\S+)").matcher(text);
		assertThat(total.find()).isTrue();
		assertThat(pdfNumber(total.group(1))).isEqualByComparingTo(value);

		assertThat(call(get("/api/v1/business/executive-report?format=pdf"), this.viewer, null).getResponse()
			.getStatus()).isEqualTo(403);
		JsonNode bad = read("/api/v1/business/executive-report?format=docx", analyst);
		assertThat(bad.at("/error/details/field").asString()).isEqualTo("format");
		JsonNode notOffered = read("/api/v1/business/roi-by-department?format=pdf", analyst);
		assertThat(notOffered.at("/error/details/field").asString()).isEqualTo("format");
	}

	/** A number as the PDF shows it ({@code $1,234.50}, {@code 12.5%}, {@code 1,024}); {@code n/a} is null. */
	private static BigDecimal pdfNumber(String shown) {
		return shown.equals("n/a") ? null : new BigDecimal(shown.replace("$", "").replace(",", "").replace("%", ""));
	}

	@Test
	void attribution_byAgentAndByIntent_eachSumToTheTotalToTheCent() throws Exception {
		JsonNode data = read("/api/v1/business/attribution?range=30d", this.viewer).get("data");
		BigDecimal total = data.get("total_value_usd").decimalValue();
		BigDecimal agents = BigDecimal.ZERO;
		for (JsonNode a : data.get("by_agent")) {
			agents = agents.add(a.get("value_usd").decimalValue());
		}
		BigDecimal intents = BigDecimal.ZERO;
		for (JsonNode i : data.get("by_intent")) {
			intents = intents.add(i.get("value_usd").decimalValue());
		}
		assertThat(total.signum()).isPositive();
		assertThat(agents).isEqualByComparingTo(total);
		assertThat(intents).isEqualByComparingTo(total);
		assertThat(data.get("by_intent")).hasSize(3);
	}

	@Test
	void goalLifecycle_createUpdateLinkClose_withStatusFromTrafficAndUndo() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String body = """
				{"name":"Engineering outcomes","department":"engineering","metric":"successful_outcomes",
				 "target_value":100000,"start_date":"%s","target_date":"%s"}""".formatted(today.minusDays(10),
				today.plusDays(20));
		assertThat(call(post("/api/v1/goals"), this.viewer, body).getResponse().getStatus()).isEqualTo(403);
		JsonNode badMetric = this.mapper.readTree(call(post("/api/v1/goals"), this.operator,
				body.replace("successful_outcomes", "happiness")).getResponse().getContentAsString());
		assertThat(badMetric.at("/error/details/field").asString()).isEqualTo("metric");

		MvcResult created = call(post("/api/v1/goals"), this.operator, body);
		assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
		String goalId = this.mapper.readTree(created.getResponse().getContentAsString())
			.at("/data/result/goal_id")
			.asString();

		JsonNode goal = goal(goalId);
		// with no agents named the goal links the department's four agents
		assertThat(goal.get("linked_agent_ids")).hasSize(4);
		long outcomes = this.ws.owner.sql("""
				SELECT COALESCE(SUM(t.sample_rate), 0) FROM traces t JOIN departments d ON d.id = t.department_id
				WHERE t.workspace_id = :ws AND d.department_code = 'engineering' AND t.status = 'success'
				  AND t.timestamp >= :from""")
			.param("ws", this.ws.id)
			.param("from", today.minusDays(10).atStartOfDay().atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
		assertThat(goal.get("current_value").asDouble()).isEqualTo((double) outcomes);
		assertThat(goal.get("status").asString()).isEqualTo("off_track");

		// a target just under what the traffic reaches is achieved
		String update = body.replace("100000", String.valueOf(Math.max(1, outcomes - 1)));
		assertThat(call(put("/api/v1/goals/" + goalId), this.operator, update).getResponse().getStatus())
			.isEqualTo(201);
		assertThat(goal(goalId).get("status").asString()).isEqualTo("achieved");

		String agent = goal.get("linked_agent_ids").get(0).asString();
		assertThat(call(post("/api/v1/goals/" + goalId + "/agents"), this.operator,
				"{\"agent_ids\":[\"" + agent + "\"]}").getResponse().getStatus()).isEqualTo(201);
		assertThat(goal(goalId).get("linked_agent_ids")).hasSize(1);
		assertThat(call(post("/api/v1/goals/" + goalId + "/agents"), this.operator, "{\"agent_ids\":[\"nobody\"]}")
			.getResponse()
			.getStatus()).isEqualTo(400);

		MvcResult closed = call(post("/api/v1/goals/" + goalId + "/close"), this.operator, null);
		assertThat(closed.getResponse().getStatus()).isEqualTo(201);
		assertThat(goalOrNull(goalId)).isNull();
		String closeId = this.mapper.readTree(closed.getResponse().getContentAsString()).at("/data/action_id").asString();
		MvcResult undo = call(post("/api/v1/business/actions/" + closeId + "/rollback"), this.operator, null);
		assertThat(undo.getResponse().getStatus()).as(undo.getResponse().getContentAsString()).isEqualTo(201);
		assertThat(goal(goalId).get("closed").asBoolean()).isFalse();
	}

	@Test
	void businessJob_writesForecastsWithNestedBands_andGoalProgress() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		call(post("/api/v1/goals"), this.operator, """
				{"name":"Support value","department":"support","metric":"value_usd","target_value":50,
				 "start_date":"%s","target_date":"%s"}""".formatted(today.minusDays(7), today.plusDays(30)));
		JsonNode pending = read("/api/v1/business/forecast?series=requests&department=sales", this.viewer).get("data");
		assertThat(pending.get("status").asString()).isEqualTo("pending");

		assertThat(this.job.refresh(this.ws.id)).isGreaterThanOrEqualTo(3);

		JsonNode forecast = read("/api/v1/business/forecast?series=requests", this.viewer).get("data");
		assertThat(forecast.get("status").asString()).isEqualTo("ready");
		assertThat(forecast.get("model").asString()).isEqualTo("holt_damped");
		assertThat(forecast.get("points")).hasSize(90);
		assertThat(forecast.get("history").size()).isGreaterThanOrEqualTo(13);
		for (JsonNode p : forecast.get("points")) {
			assertThat(p.get("lower95").asDouble()).isLessThanOrEqualTo(p.get("lower80").asDouble());
			assertThat(p.get("lower80").asDouble()).isLessThanOrEqualTo(p.get("predicted").asDouble());
			assertThat(p.get("predicted").asDouble()).isLessThanOrEqualTo(p.get("upper80").asDouble());
			assertThat(p.get("upper80").asDouble()).isLessThanOrEqualTo(p.get("upper95").asDouble());
		}
		assertThat(read("/api/v1/business/forecast?series=value_usd&department=engineering", this.viewer)
			.at("/data/status").asString()).isEqualTo("ready");
		assertThat(this.ws.owner.sql("SELECT count(*) FROM goal_progress WHERE workspace_id = :ws")
			.param("ws", this.ws.id)
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(8);
		assertThat(read("/api/v1/business/forecast?series=nope", this.viewer).at("/error/details/field").asString())
			.isEqualTo("series");
	}

	@Test
	void valueModelUndo_removesAModelThatDidNotExistBefore() throws Exception {
		MvcResult set = call(put("/api/v1/business/value-model"), this.operator,
				"{\"department\":\"sales\",\"model_type\":\"per_outcome\",\"value_per_outcome_usd\":12}");
		assertThat(set.getResponse().getStatus()).isEqualTo(201);
		assertThat(read("/api/v1/business/value-model", this.viewer).get("data")).hasSize(3);
		String id = this.mapper.readTree(set.getResponse().getContentAsString()).at("/data/action_id").asString();
		assertThat(call(post("/api/v1/business/actions/" + id + "/rollback"), this.operator, null).getResponse()
			.getStatus()).isEqualTo(201);
		assertThat(read("/api/v1/business/value-model", this.viewer).get("data")).hasSize(2);
		JsonNode bad = this.mapper.readTree(call(put("/api/v1/business/value-model"), this.operator,
				"{\"department\":\"sales\",\"model_type\":\"per_outcome\",\"value_per_outcome_usd\":-1}")
			.getResponse()
			.getContentAsString());
		assertThat(bad.at("/error/details/field").asString()).isEqualTo("value_per_outcome_usd");
	}

	private JsonNode goal(String id) throws Exception {
		JsonNode g = goalOrNull(id);
		assertThat(g).as("goal " + id).isNotNull();
		return g;
	}

	private JsonNode goalOrNull(String id) throws Exception {
		for (JsonNode g : read("/api/v1/business/goals", this.viewer).get("data")) {
			if (g.get("goal_id").asString().equals(id)) {
				return g;
			}
		}
		return null;
	}

	private JsonNode read(String path, String token) throws Exception {
		return this.mapper.readTree(call(get(path), token, null).getResponse().getContentAsString());
	}

	private MvcResult call(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
		request.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request).andReturn();
	}

}
