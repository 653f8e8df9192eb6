using CallCenter.ApiService.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddFloorSecurity();
builder.Services.AddProblemDetails();
builder.Services.AddApiDocumentation();

var app = builder.Build();

app.UseServedByHeader();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseCors();
app.UseLiveUpdateSockets();
if (app.Environment.IsDevelopment())
{
    // Open documentation is a Development convenience; elsewhere the OpenAPI document is not served.
    app.MapApiDocumentation();
}

app.UseFloorSecurity();
app.MapDefaultEndpoints();
app.MapCallCenterApi();

app.Run();
