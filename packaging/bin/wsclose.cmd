@echo off
rem wsclose launcher of the distribution: runs lib\wsclose.jar with the bundled Java runtime when there is one
rem (the jlink image from packaging/jlink.sh), else %JAVA_HOME%\bin\java.exe, else java on PATH (Java 17 or newer).
rem JAVA_OPTS passes options to the JVM. No parenthesised blocks: a JAVA_HOME under "Program Files (x86)" breaks them.
setlocal
set "APP_HOME=%~dp0.."
set "JAVA_EXE=%APP_HOME%\runtime\bin\java.exe"
if exist "%JAVA_EXE%" goto run
set "JAVA_EXE=java"
if not defined JAVA_HOME goto run
if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
:run
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
rem C2 leaves out what runs once per socket or finding, per lib\wsclose-jit.json (it says why), unless JAVA_OPTS passes a file;
rem -DisplayVMOutput keeps HotSpot's "compiler directives added" off stdout (see the Unix launcher).
set "JIT_OPTS="
if exist "%APP_HOME%\lib\wsclose-jit.json" set "JIT_OPTS=-XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput "-XX:CompilerDirectivesFile=%APP_HOME%\lib\wsclose-jit.json""
echo.%JAVA_OPTS% | findstr /C:"CompilerDirectivesFile" >nul && set "JIT_OPTS="
"%JAVA_EXE%" %GC_OPTS% %TENURE_OPTS% %INLINE_OPTS% %JIT_OPTS% %JAVA_OPTS% -jar "%APP_HOME%\lib\wsclose.jar" %*
exit /b %ERRORLEVEL%
