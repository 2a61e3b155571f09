package dev.skim.deploy;

import static dev.skim.deploy.Repo.at;
import static dev.skim.deploy.Repo.list;
import static dev.skim.deploy.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus and Grafana configuration against docker-compose.yml and the apps. */
class MonitoringConfigTest {

    @Test
    void shouldScrapeEverySkimServiceAtQuarkusMetricsOnItsPort() {
        Map<String, Object> prometheus = Repo.yaml("deploy/monitoring/prometheus/prometheus.yml");
        Map<String, String> apps = ComposeFileTest.skimAppServices();
        List<String> scraped = new ArrayList<>();
        for (Object o : list(prometheus.get("scrape_configs"))) {
            Map<String, Object> job = map(o);
            assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
            for (Object sd : list(job.get("dns_sd_configs"))) {
                for (Object name : list(map(sd).get("names"))) {
                    assertThat(apps).as("scraped service %s", name).containsKey((String) name);
                    assertThat(map(sd).get("port"))
                            .as("port of %s", name)
                            .isEqualTo(Repo.httpPort(apps.get((String) name)));
                    scraped.add((String) name);
                }
            }
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(apps.keySet());
    }

    @Test
    void shouldProvisionThePrometheusDataSourceAndTheDashboardFolder() {
        Map<String, Object> ds =
                Repo.yaml("deploy/monitoring/grafana/provisioning/datasources/prometheus.yml");
        Map<String, Object> source = map(list(ds.get("datasources")).get(0));
        assertThat(source.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(
                        list(
                                at(
                                        map(Repo.yaml(ComposeFileTest.FILE).get("services")),
                                        "prometheus.ports")))
                .contains("9090:9090");
        Map<String, Object> dashboards =
                Repo.yaml("deploy/monitoring/grafana/provisioning/dashboards/skim.yml");
        String path =
                String.valueOf(at(map(list(dashboards.get("providers")).get(0)), "options.path"));
        // the folder Grafana reads is where Compose mounts the dashboards
        assertThat(
                        list(
                                at(
                                        map(Repo.yaml(ComposeFileTest.FILE).get("services")),
                                        "grafana.volumes")))
                .contains("./deploy/monitoring/grafana/dashboards:" + path + ":ro");
        assertThat(Files.exists(Repo.path(Dashboard.FILE))).isTrue();
    }

    @Test
    void shouldShowWhatAnOperatorWatches() {
        List<String> titles =
                Dashboard.panels().stream().map(p -> String.valueOf(p.get("title"))).toList();
        assertThat(titles)
                .contains(
                        "Frames/s",
                        "Tokens in and out /s",
                        "Compression ratio",
                        "Bytes per frame",
                        "Consumer lag (records)",
                        "Dead letters",
                        "Query latency");
        assertThat(Dashboard.panels())
                .allSatisfy(p -> assertThat(list(p.get("targets"))).isNotEmpty());
    }

    @Test
    void shouldMatchOnAndGroupByLabels() {
        assertThat(Dashboard.labelNames()).contains("tier", "stage").doesNotContain("job", "");
    }

    @Test
    void shouldReadMetricNamesOutOfPromQl() {
        assertThat(
                        Dashboard.metricNames(
                                "sum by (tier) (rate(skim_a_total{job=~\"$job\", x=\"y(z)\"}[$__rate_interval]))"
                                        + " / sum by (tier) (rate(skim_b_count[5m])) + max(skim_c)"))
                .containsExactly("skim_a_total", "skim_b_count", "skim_c");
    }
}
