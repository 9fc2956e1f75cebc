package com.agentobs.query.business;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetRow;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Totals;

import org.springframework.stereotype.Component;

/**
 * Traffic turned into value: a row's value is its successful requests (weighted by sample rate, as
 * every read is) × its department's value per outcome; rows of a department without a value model
 * are worth 0 (their cost still counts). Every business figure is computed from these rows, so the
 * KPIs, ROI by department, attribution and the forecasts agree.
 */
@Component
class Traffic {

	private static final Duration DAY = Duration.ofDays(1);

	private final Fleet fleet;

	Traffic(Fleet fleet) {
		this.fleet = fleet;
	}

	Fleet fleet() {
		return this.fleet;
	}

	/** Totals of {@code [from, to)} grouped by {@code dims} (department is always among them). */
	List<FleetRow> totals(Scope scope, Instant from, Instant to, Dim... dims) {
		return this.fleet.read(from, to, scope).groupBy(withDepartment(dims)).rows().list();
	}

	/** Daily (UTC) rows of {@code [from, to)} grouped by day, department and {@code dims}. */
	List<FleetRow> daily(Scope scope, Instant from, Instant to, Dim... dims) {
		Dim[] all = new Dim[dims.length + 2];
		all[0] = Dim.BUCKET;
		all[1] = Dim.DEPARTMENT;
		System.arraycopy(dims, 0, all, 2, dims.length);
		return this.fleet.read(this.fleet.sources().seriesWithBucket(from, to, DAY), scope).groupBy(all).rows().list();
	}

	static LocalDate day(FleetRow row) {
		return row.key().bucket().atOffset(ZoneOffset.UTC).toLocalDate();
	}

	static BigDecimal value(FleetRow row, Map<UUID, ValueModel> models) {
		ValueModel m = models.get(row.key().departmentId());
		return (m == null) ? BigDecimal.ZERO : m.unitValueUsd().multiply(BigDecimal.valueOf(row.totals().successes()));
	}

	static BigDecimal hours(FleetRow row, Map<UUID, ValueModel> models) {
		ValueModel m = models.get(row.key().departmentId());
		return (m == null) ? BigDecimal.ZERO : m.unitHours().multiply(BigDecimal.valueOf(row.totals().successes()));
	}

	/** Sums of a set of rows. */
	record Sum(long requests, long successes, BigDecimal cost, BigDecimal value, BigDecimal hours) {

		static final Sum ZERO = new Sum(0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

		static Sum of(FleetRow row, Map<UUID, ValueModel> models) {
			Totals t = row.totals();
			return new Sum(t.requests(), t.successes(), t.costUsd(), Traffic.value(row, models), Traffic.hours(row, models));
		}

		Sum plus(Sum o) {
			return new Sum(this.requests + o.requests, this.successes + o.successes, this.cost.add(o.cost),
					this.value.add(o.value), this.hours.add(o.hours));
		}

		static Sum of(List<FleetRow> rows, Map<UUID, ValueModel> models) {
			Sum sum = ZERO;
			for (FleetRow row : rows) {
				sum = sum.plus(of(row, models));
			}
			return sum;
		}

	}

	private static Dim[] withDepartment(Dim... dims) {
		for (Dim d : dims) {
			if (d == Dim.DEPARTMENT) {
				return dims;
			}
		}
		Dim[] all = new Dim[dims.length + 1];
		all[0] = Dim.DEPARTMENT;
		System.arraycopy(dims, 0, all, 1, dims.length);
		return all;
	}

}
