namespace CallCenter.Tests;
