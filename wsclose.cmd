@echo off
rem wsclose launcher for Windows: builds the jar on first use, then runs it. JAVA_OPTS passes JVM options.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%cli\target\wsclose.jar"
if not exist "%JAR%" (
  echo wsclose: building %JAR% ^(first run^)... 1>&2
  pushd "%HERE%"
  call mvn -q -DskipTests package 1>&2
  popd
  if not exist "%JAR%" exit /b 3
)
rem The parallel collector, its young generation capped, unless JAVA_OPTS picks a collector or sizes the heap
rem (see the Unix launcher).
set "GC_OPTS=-XX:+UseParallelGC -XX:MaxNewSize=192m"
echo.%JAVA_OPTS% | findstr /C:"-Xmx" /C:"-Xmn" /C:"NewSize" /C:"NewRatio" >nul && set "GC_OPTS=-XX:+UseParallelGC"
rem Promoted after one young collection: what survives it is mostly what the report holds to its end (see the
rem Unix launcher).
set "TENURE_OPTS=-XX:MaxTenuringThreshold=1"
echo.%JAVA_OPTS% | findstr /C:"TenuringThreshold" >nul && set "TENURE_OPTS="
echo.%JAVA_OPTS% | findstr /C:"GC" >nul && set "GC_OPTS=" && set "TENURE_OPTS="
rem C2 inlines only small methods unless JAVA_OPTS sets it; summary and events keep the default (see the Unix launcher).
set "INLINE_OPTS=-XX:FreqInlineSize=35"
echo.%JAVA_OPTS% | findstr /C:"FreqInlineSize" >nul && set "INLINE_OPTS="
echo. %* | findstr /I /C:" summary" /C:" events" >nul && set "INLINE_OPTS="
rem summary: no C2 traps, so a branch its first events never took does not make C2 compile the reader's loop
rem again for every thread (see the Unix launcher).
set "TRAP_OPTS="
echo. %* | findstr /I /C:" summary" >nul && set "TRAP_OPTS=-XX:PerMethodTrapLimit=0"
echo.%JAVA_OPTS% | findstr /C:"TrapLimit" >nul && set "TRAP_OPTS="
java %GC_OPTS% %TENURE_OPTS% %INLINE_OPTS% %TRAP_OPTS% %JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
