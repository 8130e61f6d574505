# Build, test, run and measure Dicomite. Dependencies are listed in lib.txt
# ("groupId:artifactId:version scope why") and fetched once into lib/{main,test}.
JAVAC    ?= javac
JAVA     ?= java
JFLAGS   := --release 17 -encoding UTF-8 -Xlint:all,-serial,-processing -Xmaxerrs 50
VERSION  := $(shell cat VERSION)
SOURCES  := $(shell find src -name '*.java')
RESOURCES:= $(shell find src -type f ! -name '*.java')
TESTS    := $(shell find test -name '*.java')
BENCHES  := $(shell find bench -name '*.java' 2>/dev/null)
STAMP    := lib/.fetched
MAINCP   := lib/main/*
TESTCP   := build/classes:build/test-classes:lib/main/*:lib/test/*

.PHONY: all compile compile-tests test run bench clean
.DELETE_ON_ERROR:

all: dist/dicomite.jar

$(STAMP): lib.txt
	@bash tools/fetch-libs.sh lib.txt lib
	@touch $@

build/classes.stamp: $(STAMP) $(SOURCES) $(RESOURCES) VERSION
	@rm -rf build/classes && mkdir -p build/classes
	$(JAVAC) $(JFLAGS) -cp "$(MAINCP)" -d build/classes $(SOURCES)
	@cd src && find . -type f ! -name '*.java' -exec cp --parents {} ../build/classes/ \;
	@echo "$(VERSION)" > build/classes/dicomite/version.txt
	@touch $@

compile: build/classes.stamp

build/test-classes.stamp: build/classes.stamp $(TESTS)
	@rm -rf build/test-classes && mkdir -p build/test-classes
	$(JAVAC) $(JFLAGS) -cp "$(TESTCP)" -d build/test-classes $(TESTS)
	@cd test && find . -path ./clients -prune -o -type f ! -name '*.java' -exec cp --parents {} ../build/test-classes/ \;
	@touch $@

compile-tests: build/test-classes.stamp

# One runnable jar holding our classes and every runtime library, unpacked.
dist/dicomite.jar: build/classes.stamp
	@rm -rf build/fat && mkdir -p build/fat dist
	@for j in lib/main/*.jar; do (cd build/fat && unzip -qqo ../../$$j); done
	@rm -f build/fat/META-INF/*.SF build/fat/META-INF/*.RSA build/fat/META-INF/*.DSA \
	  build/fat/META-INF/MANIFEST.MF build/fat/module-info.class
	@cp -r build/classes/. build/fat/
	@printf 'Main-Class: dicomite.Main\nImplementation-Version: %s\n' "$(VERSION)" > build/manifest.txt
	jar --create --file $@ --manifest build/manifest.txt -C build/fat .
	@echo "built $@"

test: dist/dicomite.jar build/test-classes.stamp
	@bash tools/run-tests.sh "$(TESTCP)"

run: dist/dicomite.jar
	$(JAVA) -jar dist/dicomite.jar --port 8080 --data ./data

bench: dist/dicomite.jar build/test-classes.stamp
	@bash bench/run.sh

clean:
	rm -rf build dist
