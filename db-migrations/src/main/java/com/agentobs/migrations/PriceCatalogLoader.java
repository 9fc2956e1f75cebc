package com.agentobs.migrations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;


/**
 * Reads the versioned seed file {@value #RESOURCE} and replaces the rows of {@code price_catalog} with its
 * rows: the file is the catalog's one source, so a price change is reviewed as a diff of it. Run by the
 * repeatable migration {@code db.migration.R__Price_catalog}, whose checksum is the file's, so every
 * installation reloads the catalog on the first migrate after the file changed.
 */
public final class PriceCatalogLoader {

	static final String RESOURCE = "/pricing/catalog.csv";

	static final String HEADER = "model,provider,match_pattern,effective_from,input_per_1m_usd,output_per_1m_usd,"
			+ "cached_input_per_1m_usd,cache_write_per_1m_usd,reasoning_per_1m_usd,total_per_1m_usd,source_url,source_date";

	static final String INSERT = """
			INSERT INTO price_catalog (model, provider, match_pattern, effective_from, input_per_1m_usd,
			                           output_per_1m_usd, cached_input_per_1m_usd, cache_write_per_1m_usd,
			                           reasoning_per_1m_usd, total_per_1m_usd, source_url, source_date,
			                           position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	/** One row of the seed file; prices in the file's column order (input … total), per 1M tokens. */
	public record Row(int line, String model, String provider, String matchPattern, Date effectiveFrom, BigDecimal[] prices,
			String sourceUrl, Date sourceDate) {
	}

	/** Replaces the catalog's rows; does nothing while the table does not exist (a migration to an older target). */
	public static void load(Connection connection, List<Row> rows) throws SQLException {
		try (Statement st = connection.createStatement();
				var rs = st.executeQuery("SELECT to_regclass('price_catalog') IS NOT NULL")) {
			rs.next();
			if (!rs.getBoolean(1)) {
				return;
			}
			st.execute("DELETE FROM price_catalog");
		}
		try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
			for (Row r : rows) {
				ps.setString(1, r.model());
				ps.setString(2, r.provider());
				ps.setString(3, r.matchPattern());
				ps.setDate(4, r.effectiveFrom());
				for (int i = 0; i < 6; i++) {
					if (r.prices()[i] != null) {
						ps.setBigDecimal(5 + i, r.prices()[i]);
					}
					else {
						ps.setNull(5 + i, Types.NUMERIC);
					}
				}
				ps.setString(11, r.sourceUrl());
				ps.setDate(12, r.sourceDate());
				ps.setInt(13, r.line());
				ps.addBatch();
			}
			ps.executeBatch();
		}
	}

	/** CRC32 of the seed file's bytes. */
	public static int checksum() {
		try (InputStream in = resource()) {
			CRC32 crc = new CRC32();
			crc.update(in.readAllBytes());
			return (int) crc.getValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource() {
		InputStream in = PriceCatalogLoader.class.getResourceAsStream(RESOURCE);
		if (in == null) {
			throw new IllegalStateException(RESOURCE + " is missing from the classpath");
		}
		return in;
	}

	/** The seed file's rows; a malformed row or a pattern that does not compile fails the migrate. */
	public static List<Row> read() {
		try (InputStream in = resource()) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String header = reader.readLine();
			if (!HEADER.equals(header)) {
				throw new IllegalStateException(RESOURCE + ": the header must be " + HEADER);
			}
			List<Row> rows = new ArrayList<>();
			String line;
			int n = 1;
			while ((line = reader.readLine()) != null) {
				n++;
				if (line.isBlank()) {
					continue;
				}
				String[] f = line.split(",", -1);
				if (f.length != 12) {
					throw new IllegalStateException(RESOURCE + " line " + n + ": 12 fields expected, got " + f.length);
				}
				Pattern.compile(f[2]);
				BigDecimal[] prices = new BigDecimal[6];
				for (int i = 0; i < 6; i++) {
					prices[i] = f[4 + i].isEmpty() ? null : new BigDecimal(f[4 + i]);
				}
				rows.add(new Row(n, f[0], f[1], f[2], Date.valueOf(f[3]), prices, f[10], Date.valueOf(f[11])));
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
