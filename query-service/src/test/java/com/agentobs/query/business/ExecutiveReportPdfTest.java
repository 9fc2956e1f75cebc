package com.agentobs.query.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.agentobs.query.business.BusinessResponses.ExecutiveReport;
import com.agentobs.query.business.BusinessResponses.ReportForecast;
import com.agentobs.query.business.BusinessResponses.ReportGoal;
import com.agentobs.query.business.BusinessResponses.ReportRow;
import com.agentobs.query.business.BusinessResponses.ReportSummary;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ExecutiveReportPdfTest {

	private final ExecutiveReportPdf pdf = new ExecutiveReportPdf(JsonMapper.builder().build());

	@Test
	void textHelveticaCannotEncode_isReplaced_notAnError() throws Exception {
		ReportGoal goal = new ReportGoal("support", "Tickets ≥ 90 % in 東京 – “fast”\tnow", "value_usd", "usd",
				new BigDecimal("12.50"), new BigDecimal("100"), new BigDecimal("80.0"), "at_risk",
				LocalDate.of(2026, 12, 31));
		String text = text(report("Café € Ω team", List.of(row("support")), List.of(goal)));

		assertThat(text).contains("Workspace: Café € ? team");
		assertThat(text).contains("Tickets ? 90 % in ??");
		assertThat(ExecutiveReportPdf.safe(new PDType1Font(Standard14Fonts.FontName.HELVETICA), "a\u2013b\u2264c\n"))
			.isEqualTo("a\u2013b?c ");
	}

	@Test
	void longReports_continueOnNewPages_withEveryRow() throws Exception {
		List<ReportRow> rows = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			rows.add(row("dept_" + i));
		}
		rows.set(5, new ReportRow("dept_5", new BigDecimal("123456789012.50"), BigDecimal.ONE, null, BigDecimal.ONE, 1,
				0, 0, 0, 0, null, null));
		byte[] bytes = this.pdf.render(report("Acme", rows, List.of()));
		try (PDDocument doc = Loader.loadPDF(bytes)) {
			assertThat(doc.getNumberOfPages()).isGreaterThan(1);
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("dept_0 ", "dept_79 ", "No open goals.", "pending");
			// a wide number shrinks to fit rather than being cut
			assertThat(text).contains("$123,456,789,012.50");
		}
	}

	private String text(ExecutiveReport report) throws Exception {
		try (PDDocument doc = Loader.loadPDF(this.pdf.render(report))) {
			return new PDFTextStripper().getText(doc);
		}
	}

	private static ReportRow row(String department) {
		return new ReportRow(department, new BigDecimal("1234.50"), new BigDecimal("100.00"), 1134.5,
				new BigDecimal("10.0"), 50, 1, 0, 0, 0, null, null);
	}

	private static ExecutiveReport report(String name, List<ReportRow> rows, List<ReportGoal> goals) {
		Instant now = Instant.parse("2026-12-07T12:00:00Z");
		return new ExecutiveReport(UUID.randomUUID(), name, now.minusSeconds(86400 * 30), now, now,
				new ReportSummary(new BigDecimal("1234.50"), new BigDecimal("100.00"), 1134.5, null,
						new BigDecimal("10.0"), 50, 1, 0, 0, 0),
				rows, goals, List.of(new ReportForecast("value_usd", 30, "pending", null, null, null)));
	}

}
