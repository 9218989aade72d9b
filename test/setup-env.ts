// Tests never talk to the real ChartMogul API: drop any credentials or base URL from the environment.
delete process.env.CHARTMOGUL_API_KEY;
delete process.env.CHARTMOGUL_BASE_URL;
