using CallCenter.ApiService.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddProblemDetails();
builder.Services.AddApiDocumentation();

var app = builder.Build();

app.UseServedByHeader();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseLiveUpdateSockets();

app.MapApiDocumentation();
app.MapDefaultEndpoints();
app.MapCallCenterApi();

app.Run();
