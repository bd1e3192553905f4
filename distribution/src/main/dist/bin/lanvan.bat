@echo off
rem Starts LANVan in the foreground: bin\lanvan.bat   (stop with Ctrl-C)
rem Settings: environment variables LANVAN_HTTPS_PORT, LANVAN_HTTP_PORT, LANVAN_BIND, LANVAN_DATA,
rem LANVAN_DB_URL, LANVAN_JAVA_OPTS, JAVA_HOME, or etc\lanvan.properties. See README.
rem bin\lanvan.bat admin reset-password [account]: new random password for a locked-out admin (see docs).
setlocal
set "LANVAN_HOME=%~dp0.."
for %%I in ("%LANVAN_HOME%") do set "LANVAN_HOME=%%~fI"
if /i "%~1"=="admin" goto admin
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo LANVan needs Java 17 or newer: install it or set JAVA_HOME. 1>&2
  exit /b 1
)
if not defined LANVAN_JAVA_OPTS set "LANVAN_JAVA_OPTS=-XX:+UseSerialGC -Xms16m -Xmx384m -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=48m -Xss512k"
cd /d "%LANVAN_HOME%"
"%JAVA%" %LANVAN_JAVA_OPTS% "-Dlanvan.home=%LANVAN_HOME%" -cp "%LANVAN_HOME%\lib\*" io.lanvan.launcher.Main %*
exit /b %ERRORLEVEL%

:admin
rem The request file is carried out by the running server (or the next one started); the data
rem folder's ACL keeps it to the server's user. Set LANVAN_DATA if data.dir is not the default.
if /i not "%~2"=="reset-password" (
  echo Usage: bin\lanvan.bat admin reset-password [account] 1>&2
  exit /b 2
)
set "ACCOUNT=%~3"
if "%ACCOUNT%"=="" set "ACCOUNT=admin"
if not defined LANVAN_DATA set "LANVAN_DATA=data"
cd /d "%LANVAN_HOME%"
if not exist "%LANVAN_DATA%" mkdir "%LANVAN_DATA%"
> "%LANVAN_DATA%\admin-password-reset.request" echo %ACCOUNT%
echo Password reset requested for '%ACCOUNT%'. The running server carries it out within seconds (or the next
echo one started); the new password will be in %LANVAN_DATA%\initial-admin-password, to be changed at sign-in.
exit /b 0
