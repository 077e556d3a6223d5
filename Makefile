# Thin wrappers over scripts/ and CMake presets; the README's two commands live here.
#   make run    install deps, build release, create the demo database, serve :8080
#   make check  install deps, build with ASan+UBSan, run every test through CTest
JOBS ?= $(shell nproc)
DB ?= tashil.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps deps-check build release asan fuzz run check bench lint banned clean

all: build

deps:
	@scripts/deps.sh

deps-check:
	@scripts/deps.sh check

build release: deps
	cmake --preset release >/dev/null
	cmake --build build/release -j$(JOBS)

asan: deps-check
	cmake --preset asan >/dev/null
	cmake --build build/asan -j$(JOBS)

fuzz: deps-check
	cmake --preset fuzz >/dev/null
	cmake --build build/fuzz -j$(JOBS)

run: release
	@test -f "$(DB)" || build/release/tashil demo --db "$(DB)"
	build/release/tashil serve --db "$(DB)" --listen "$(LISTEN)"

check: asan banned
	cd build/asan && ctest --output-on-failure -j$(JOBS) --timeout 600

bench: release
	@for b in bench/*/run; do echo "== $$b"; $$b || exit 1; done

banned:
	@scripts/check-banned.sh

lint:
	clang-tidy -p build/asan $$(git ls-files 'src/*.c')

clean:
	rm -rf build
