@rem cbir: reverse image search for scientific images (the command line and the desktop application).
@rem Runs on a JDK 17 or later (%JAVA_HOME%\bin\java.exe, else java on PATH) with the flags cbir needs:
@rem the Vector API and native access (Java 22 and later ask for it). More JVM options go in CBIR_OPTS.
@echo off
setlocal
set "CBIR_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVACMD=%JAVA_HOME%\bin\java.exe") else (set "JAVACMD=java.exe")
"%JAVACMD%" %JAVA_OPTS% %CBIR_OPTS% --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "%CBIR_HOME%\lib\*" org.cbir.examples.cli.CbirCommand %*
exit /b %ERRORLEVEL%
