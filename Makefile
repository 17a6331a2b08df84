# haiquan — make run (build and start on SQLite with demo data) · make test (every test) · make bench
SHELL := /bin/bash
BUILD ?= build
JOBS ?= 2
PORT ?= 8080
DB ?= sqlite:./data/haiquan.db
ADMIN_PASSWORD ?= Quan-tri-2026!
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: all deps web-deps build web run test test-unit test-e2e fuzz bench clean

all: build

deps:
	@bash scripts/install-deps.sh

web-deps: deps
	@if [ -f web/package-lock.json ]; then \
	  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then \
	    cd web && npm ci --no-audit --no-fund; fi; fi

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@ninja -C $(BUILD) -j$(JOBS)

web: web-deps
	@if [ -f web/package.json ]; then cd web && npm run build; fi

run: build web
	@mkdir -p data
	@if ! ./$(BUILD)/haiquan migrate --db $(DB) >/dev/null 2>&1 || ! ./$(BUILD)/haiquan history verify --db $(DB) 2>/dev/null | grep -q '[1-9][0-9]* mục'; then \
	  ./$(BUILD)/haiquan init --db $(DB) --admin-password '$(ADMIN_PASSWORD)' && ./$(BUILD)/haiquan demo --db $(DB); fi
	@echo
	@echo "  haiquan: http://localhost:$(PORT)/"
	@echo "  admin / $(ADMIN_PASSWORD)   — quản trị hệ thống"
	@echo "  Tài khoản mẫu (mật khẩu Demo@2026haiquan): 02_qt, 02ci_qt, 02ci.truong, ktstq.canbo, ktstq.lanhdao,"
	@echo "  02ci.canbo, 02ci.lanhdao, trs.phantich, 02ci.trs — xem README.md"
	@echo
	@./$(BUILD)/haiquan serve --db $(DB) --port $(PORT) --web web/dist --insecure-cookies

test: build web
	@bash scripts/test.sh $(BUILD)

fuzz: deps
	@bash scripts/fuzz.sh 20

bench: deps
	@bash scripts/bench.sh

clean:
	rm -rf $(BUILD) build-fuzz web/dist
